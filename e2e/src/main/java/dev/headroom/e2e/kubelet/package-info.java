/**
 * The process kubelet: a node agent for tier-3 tests that runs each pod's containers as local
 * processes, with no container runtime.
 *
 * <h2>What a pod gets</h2>
 * <ul>
 *   <li><b>An address.</b> Each pod gets a free loopback IP from {@code --pod-cidr} (the first host
 *       address, e.g. {@code 127.0.1.1}, is never used), reported as {@code status.podIP}; {@code hostIP}
 *       is {@code 127.0.0.1}. A process must listen on its own address, which it finds in
 *       {@code HEADROOM_POD_IP}; pods with {@code hostNetwork: true} get {@code 127.0.0.1}.</li>
 *   <li><b>An image, by repository name.</b> Registry, tag and digest are ignored:
 *       {@code headroom-worker} runs {@code java -jar $HEADROOM_WORKER_JAR}, {@code headroom-operator}
 *       runs {@code java -jar $HEADROOM_OPERATOR_JAR}. Any other image leaves the container waiting with
 *       reason {@code ErrImagePull} and the pod {@code Pending}. {@code command} replaces the entrypoint
 *       and {@code args} are appended, as with a container runtime; {@code $(VAR)} references are expanded.</li>
 *   <li><b>An environment</b> built from nothing (the kubelet's own variables do not leak in, except
 *       {@code PATH}, locale, {@code JAVA_HOME} and the {@code e2e/cluster} mark): {@code HOME} (a per-pod
 *       directory), {@code HOSTNAME}, {@code KUBERNETES_SERVICE_HOST}/{@code _PORT} (the API server's real
 *       loopback address: there is no kube-proxy), then the pod's {@code envFrom} and {@code env} (values,
 *       {@code fieldRef}, {@code resourceFieldRef}, {@code configMapKeyRef}, {@code secretKeyRef}), then
 *       {@code HEADROOM_POD_IP}, the mount variables and {@code JAVA_TOOL_OPTIONS} (below).</li>
 *   <li><b>Volumes as directories</b> under {@code <state-dir>/pods/<uid>/volumes/<name>}: configMap, secret
 *       (items, modes), emptyDir, downwardAPI, projected (ServiceAccount tokens from the TokenRequest API,
 *       bound to the pod, with the requested audience and expiry), and hostPath (the host directory itself).
 *       Contents are written when the pod starts and not refreshed. A process cannot see mount paths such as
 *       {@code /etc/config}, so each mount is named in {@code HEADROOM_MOUNT_<PATH>} ({@code /etc/config} →
 *       {@code HEADROOM_MOUNT_ETC_CONFIG}) and all of them in {@code HEADROOM_MOUNTS}, the path of a JSON file
 *       of mount path → directory. With the ServiceAccount mount, {@code KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN},
 *       {@code KUBERNETES_CERTS_CA_FILE} and {@code KUBENAMESPACE} point Fabric8's in-cluster configuration at
 *       the token, CA and namespace files; {@code automountServiceAccountToken: false} gives no token at all.</li>
 *   <li><b>Service names for JVMs.</b> There is no DNS: {@code <state-dir>/hosts/<namespace>} maps
 *       {@code <svc>} (own namespace), {@code <svc>.<ns>}, {@code <svc>.<ns>.svc} and
 *       {@code <svc>.<ns>.svc.cluster.local} to one ready pod the Service selects, and every process gets
 *       {@code JAVA_TOOL_OPTIONS=-Djdk.net.hosts.file=<that file> -Dvertx.disableDnsResolver=true ...}. Clients
 *       connect to the pod directly, so <b>a Service's port must equal its target port</b> here. The options
 *       also carry the container's limits ({@code -XX:MaxRAM}, {@code -XX:ActiveProcessorCount}).</li>
 * </ul>
 *
 * <h2>Lifecycle</h2>
 * Init containers run one after another, then all containers. Phases, container states (waiting reasons
 * {@code ContainerCreating}, {@code ErrImagePull}, {@code CreateContainerConfigError}, {@code CrashLoopBackOff};
 * terminated reasons {@code Completed}/{@code Error} with the exit code) and the Initialized, ContainersReady
 * and Ready conditions are reported through the status subresource. Restart policies apply with a back-off
 * of 1 s doubling to 30 s (a real kubelet: 10 s to 5 min). Startup, readiness and liveness probes
 * (httpGet, tcpSocket, exec) honour their delays, periods and thresholds; failures are Events.
 * Each container is its own session and process group: deleting a pod sends SIGTERM to the group and
 * SIGKILL after the grace period, then removes the pod object. Output goes to
 * {@code <state-dir>/pods/<uid>/logs/<container>/<run>.log}, served on the kubelet API for {@code kubectl logs}.
 * Pid files ({@code <state-dir>/pods/<uid>/<container>.pid}) let {@code e2e/cluster down} kill what a
 * crashed kubelet left; a normal shutdown kills every pod's processes itself.
 *
 * <h2>Not supported</h2>
 * Resource isolation (limits are advice to the JVM only), volume types other than those above, exec/attach/
 * port-forward, sidecar init containers, image pulls, and pods surviving a kubelet restart (they are started
 * again).
 */
package dev.headroom.e2e.kubelet;
