# shellcheck shell=bash
# The real node of e2e/cluster (HEADROOM_NODE=containerd), sourced by e2e/cluster:
# a local registry, containerd 2.x with Debian's runc and CNI plugins, the real
# kubelet and kube-proxy (nftables mode), and CoreDNS as a Deployment. All state
# lives under $dir; what the kubelet and CNI change on the host (sysctls,
# nftables, cgroups, mounts, the bridge) is recorded at `up` and undone by
# node_down, in the order that works (e2e/README.md, "Tier 4").
# shellcheck disable=SC2154  # $dir, $bindir, $pki, $run, ... come from e2e/cluster

# Sets the node's settings from the HEADROOM_* environment (see e2e/README.md).
node_vars() {
  registry_port="${HEADROOM_REGISTRY_PORT:-5000}"
  registry="127.0.0.1:$registry_port"
  kubelet_healthz_port="${HEADROOM_KUBELET_HEALTHZ_PORT:-10248}"
  proxy_healthz_port="${HEADROOM_PROXY_HEALTHZ_PORT:-10256}"
  proxy_metrics_port="${HEADROOM_PROXY_METRICS_PORT:-10249}"
  pod_subnet="${HEADROOM_POD_SUBNET:-10.244.0.0/24}"
  bridge="${HEADROOM_BRIDGE:-headroom0}"
  dns_ip="${HEADROOM_DNS_IP:-10.96.0.10}"
  cni_network=headroom
  [[ "$pod_subnet" =~ ^([0-9]+\.[0-9]+\.[0-9]+)\.0/24$ ]] || die "HEADROOM_POD_SUBNET must be a /24 like 10.244.0.0/24, got '$pod_subnet'"
  # The bridge's address is the node IP: the kubelet refuses loopback, and this
  # keeps the apiserver and kubelet off the machine's outside interfaces.
  node_ip="${BASH_REMATCH[1]}.1"
  ((${#bridge} <= 15)) || die "HEADROOM_BRIDGE must be at most 15 characters, got '$bridge'"

  ctrd="$dir/containerd"
  ctrd_sock="$ctrd/containerd.sock"
  kubelet_root="$dir/kubelet-root"
  # Sysctls the kubelet (kernel tunables), the bridge plugin (ip_forward) and
  # kube-proxy may change; `up` saves them, `down` writes them back.
  node_sysctls=(vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops
    kernel.keys.root_maxkeys kernel.keys.root_maxbytes net.ipv4.ip_forward
    net.ipv4.conf.all.forwarding net.ipv6.conf.all.forwarding net.ipv4.conf.all.route_localnet
    net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables net.netfilter.nf_conntrack_max)
}
node_env_names=(HEADROOM_REGISTRY_PORT HEADROOM_KUBELET_HEALTHZ_PORT HEADROOM_PROXY_HEALTHZ_PORT
  HEADROOM_PROXY_METRICS_PORT HEADROOM_POD_SUBNET HEADROOM_BRIDGE HEADROOM_DNS_IP)
node_images_tag_pause=3.10

# What `down` needs to find this node again, whatever its caller's environment.
node_save_env() {
  local n
  : >"$run/node.env"
  for n in "${node_env_names[@]}"; do
    [[ -n "${!n:-}" ]] && printf '%s=%q\n' "$n" "${!n}" >>"$run/node.env"
  done
  return 0
}

ctr_() { "$nodebin/ctr" --address "$ctrd_sock" -n k8s.io "$@"; }
running_tasks() { ctr_ tasks ls 2>/dev/null | awk 'NR > 1 && $3 == "RUNNING" { n++ } END { exit !n }'; }
registry_ok() { curl -fsS --max-time 3 "http://$registry/v2/" >/dev/null 2>&1; }
containerd_ok() { [[ -S "$ctrd_sock" ]] && ctr_ version >/dev/null 2>&1; }
kubelet_ok() { [[ "$(curl -fsS --max-time 3 "http://127.0.0.1:$kubelet_healthz_port/healthz" 2>/dev/null)" == ok ]]; }
proxy_ok() { curl -fsS --max-time 3 "http://127.0.0.1:$proxy_healthz_port/healthz" >/dev/null 2>&1; }
coredns_ready() {
  [[ "$(kc -n kube-system get deploy coredns -o 'jsonpath={.status.readyReplicas}')" == 1 ]]
}

node_check_tools() {
  local t missing=()
  for t in runc nft iptables ip skopeo docker-registry mmdebstrap python3; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/loopback ]] || missing+=("/usr/lib/cni/{bridge,host-local,loopback}")
  ((${#missing[@]} == 0)) || die "HEADROOM_NODE=containerd needs ${missing[*]}: apt-get install -y runc containernetworking-plugins nftables iptables iproute2 skopeo docker-registry mmdebstrap python3"
  ((EUID == 0)) || die "HEADROOM_NODE=containerd must run as root (containerd, kubelet, bridge)"
  [[ -d /sys/fs/cgroup/memory || -f /sys/fs/cgroup/cgroup.controllers ]] || die "no cgroup filesystem at /sys/fs/cgroup"
  ((${#ctrd} + 2 <= 42)) || die "cluster dir $dir is too long for containerd's shim socket dir (at most 40 characters)"
}

node_config_string() {
  echo "node=containerd nodebin=$nodebin registry=$registry kubelet=$kubelet_port/$kubelet_healthz_port" \
    "proxy=$proxy_healthz_port/$proxy_metrics_port pods=$pod_subnet bridge=$bridge dns=$dns_ip"
}

node_healthy() {
  local c
  for c in registry containerd kubelet-1 kube-proxy; do alive "$c" || return 1; done
  registry_ok && containerd_ok && kubelet_ok && proxy_ok && node_ready 1 && coredns_ready
}

# ---------------------------------------------------------------- host state

# Records what `down` must give back, before anything here touches the host.
node_save_host_state() {
  local s v
  : >"$run/sysctls"
  for s in "${node_sysctls[@]}"; do
    v="$(sysctl -n "$s" 2>/dev/null)" && printf '%s=%s\n' "$s" "$v" >>"$run/sysctls"
  done
  nft list tables 2>/dev/null | sort >"$run/nft-tables" || true
  # Paths that are not configurable: the kubelet's device-plugin socket dir and
  # libcni's result cache. Removed by `down` if `up` found them absent.
  local d
  : >"$run/absent-paths"
  for d in /var/lib/kubelet /var/lib/cni; do
    [[ -e "$d" ]] || echo "$d" >>"$run/absent-paths"
  done
}

node_restore_host_state() {
  local line d
  if [[ -f "$run/sysctls" ]]; then
    while IFS= read -r line; do
      [[ "$(sysctl -n "${line%%=*}" 2>/dev/null)" == "${line#*=}" ]] || sysctl -q -w "$line" >/dev/null 2>&1 \
        || log "warning: could not restore sysctl $line"
    done <"$run/sysctls"
  fi
  # nftables: kube-proxy's own tables, the kubelet's KUBE-* chains (iptables-nft),
  # and any table that did not exist before `up`.
  nft delete table ip kube-proxy 2>/dev/null || true
  nft delete table ip6 kube-proxy 2>/dev/null || true
  local fam tbl chain
  while read -r _ fam tbl; do
    [[ -n "$tbl" ]] || continue
    if [[ -f "$run/nft-tables" ]] && ! grep -qxF "table $fam $tbl" "$run/nft-tables"; then
      nft delete table "$fam" "$tbl" 2>/dev/null || log "warning: could not delete nftables table $fam $tbl"
      continue
    fi
    # In a table that was there before: first the rules that jump to KUBE-*
    # chains from the table's own chains (the kubelet's INPUT/OUTPUT jumps),
    # then the KUBE-* chains themselves.
    nft -a list table "$fam" "$tbl" 2>/dev/null | awk '
      $1 == "chain" { chain = $2 }
      /(jump|goto) KUBE-/ && match($0, /# handle [0-9]+/) { print chain, substr($0, RSTART + 9, RLENGTH - 9) }' |
      while read -r chain handle; do
        nft delete rule "$fam" "$tbl" "$chain" handle "$handle" 2>/dev/null || true
      done
    for chain in $(nft list table "$fam" "$tbl" 2>/dev/null | awk '$1 == "chain" && $2 ~ /^KUBE-/ {print $2}'); do
      nft flush chain "$fam" "$tbl" "$chain" 2>/dev/null || true
    done
    for chain in $(nft list table "$fam" "$tbl" 2>/dev/null | awk '$1 == "chain" && $2 ~ /^KUBE-/ {print $2}'); do
      nft delete chain "$fam" "$tbl" "$chain" 2>/dev/null || log "warning: could not delete nftables chain $fam $tbl $chain"
    done
  done < <(nft list tables 2>/dev/null)
  if [[ -f "$run/absent-paths" ]]; then
    while IFS= read -r d; do rm -rf "$d"; done <"$run/absent-paths"
  fi
}

# Unmounts everything mounted under the given paths, deepest first.
unmount_under() {
  local p m
  for p in "$@"; do
    p="$(realpath -m "$p")"
    while IFS= read -r m; do
      umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "warning: could not unmount $m"
    done < <(awk -v p="$p" '{ m = $5; gsub(/\\040/, " ", m); if (m == p || index(m, p "/") == 1) print m }' /proc/self/mountinfo | sort -r)
  done
}

# Kills every process left in the kubelet's pod cgroups, then removes them.
remove_kubepods_cgroups() {
  local d pids
  for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [[ -d "$d" ]] || continue
    pids="$(find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u | tr '\n' ' ')"
    if [[ -n "${pids// /}" ]]; then
      log "killing processes left in $d: $pids"
      # shellcheck disable=SC2086
      kill -KILL $pids 2>/dev/null || true
    fi
  done
  for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [[ -d "$d" ]] || continue
    local deadline=$((SECONDS + 10))
    until find "$d" -depth -type d -exec rmdir {} + 2>/dev/null; [[ ! -d "$d" ]]; do
      ((SECONDS < deadline)) || { log "warning: could not remove cgroup $d"; break; }
      sleep 0.2
    done
  done
}

# ---------------------------------------------------------------- down

# Called by do_down before the control plane stops (the apiserver is needed to
# delete the pods): pods, node processes, cgroups, mounts. Idempotent, and works
# on whatever a crashed run left.
node_down() {
  [[ -f "$run/nodebin" ]] && nodebin="$(cat "$run/nodebin")" || nodebin=""
  local p deadline
  if alive kube-apiserver && api_ok && alive kubelet-1; then
    # No controller recreates what we delete from here on.
    p="$(pidfile_pid "$run/kube-controller-manager.pid")" && owned "$p" && terminate "$p"
    log "deleting all pods (the kubelet tears down their sandboxes and network)"
    kc delete pods --all --all-namespaces --grace-period=2 --wait=false >/dev/null 2>&1 || true
    # Job pods keep their finalizer (the stopped Job controller removes it), so
    # wait for the kubelet to have stopped every sandbox, not for the objects.
    if [[ -n "$nodebin" ]] && alive containerd && containerd_ok; then
      deadline=$((SECONDS + 60))
      while running_tasks && ((SECONDS < deadline)); do sleep 0.5; done
      running_tasks && log "warning: pods still running after 60s; killing them"
    fi
  fi
  local stop=() c
  for c in kubelet-1 kube-proxy; do
    p="$(pidfile_pid "$run/$c.pid")" && owned "$p" && stop+=("$p")
  done
  ((${#stop[@]})) && log "stopping kubelet and kube-proxy: ${stop[*]}"
  terminate "${stop[@]}"
  # Whatever pods the kubelet did not get to: kill their tasks through containerd.
  if [[ -n "$nodebin" ]] && alive containerd && containerd_ok; then
    for c in $(ctr_ tasks ls -q 2>/dev/null); do
      ctr_ tasks kill -s SIGKILL "$c" >/dev/null 2>&1 || true
    done
  fi
  stop=()
  for c in containerd registry; do
    p="$(pidfile_pid "$run/$c.pid")" && owned "$p" && stop+=("$p")
  done
  ((${#stop[@]})) && log "stopping containerd and the registry: ${stop[*]}"
  terminate "${stop[@]}"
  # Shims carry the cluster mark; they exit on their own once their task is
  # gone, the sweep in do_down catches the rest. Container processes do not
  # carry it: the kubepods cgroups hold them.
  remove_kubepods_cgroups
  local shims=()
  for p in $(marked_pids); do
    [[ "$(readlink "/proc/$p/exe" 2>/dev/null)" == */containerd-shim-runc-v2 ]] && shims+=("$p")
  done
  terminate "${shims[@]}"
  unmount_under "$kubelet_root" "$ctrd"
  rm -rf "$kubelet_root" "$ctrd" "$dir/cni" "$dir/registry" "$dir/pod-logs"
}

# Called by do_down after the control plane stopped: the bridge (the
# apiserver's address), nftables, sysctls and host paths.
node_release_host() {
  local c
  if ip link show "$bridge" >/dev/null 2>&1; then
    # Veths go with their network namespaces; delete any left on the bridge too.
    for c in $(ip -o link show master "$bridge" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
      ip link delete "$c" 2>/dev/null || true
    done
    ip link delete "$bridge" || log "warning: could not delete bridge $bridge"
  fi
  node_restore_host_state
}

# ---------------------------------------------------------------- up

node_write_configs() {
  mkdir -p "$ctrd/certs.d/$registry" "$dir/cni/net.d" "$dir/cni/ipam" "$kubelet_root" "$dir/pod-logs" "$dir/registry"
  cat >"$dir/registry.yaml" <<EOF
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $dir/registry}
  delete: {enabled: true}
http:
  addr: $registry
EOF
  cat >"$ctrd/certs.d/$registry/hosts.toml" <<EOF
server = "http://$registry"
[host."http://$registry"]
  capabilities = ["pull", "resolve", "push"]
EOF
  cat >"$ctrd/config.toml" <<EOF
version = 3
root = "$ctrd/root"
state = "$ctrd/state"
# NRI would open a socket under /var/run; nothing here uses it.
disabled_plugins = ["io.containerd.nri.v1.nri"]
[grpc]
  address = "$ctrd_sock"
[ttrpc]
  address = "$ctrd_sock.ttrpc"
[plugins.'io.containerd.shim.v1.manager']
  socket_dir = "$ctrd/s"
[plugins.'io.containerd.internal.v1.opt']
  path = "$ctrd/opt"
[plugins.'io.containerd.grpc.v1.cri']
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
[plugins.'io.containerd.cri.v1.images']
  [plugins.'io.containerd.cri.v1.images'.pinned_images]
    sandbox = "$registry/pause:$node_images_tag_pause"
  [plugins.'io.containerd.cri.v1.images'.registry]
    config_path = "$ctrd/certs.d"
[plugins.'io.containerd.cri.v1.runtime']
  enable_selinux = false
  disable_apparmor = true
  # Root here lacks CAP_SYS_RESOURCE: without this every sandbox fails with
  # "can't get final child's PID from pipe: EOF".
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  [plugins.'io.containerd.cri.v1.runtime'.containerd]
    default_runtime_name = "runc"
    [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
        BinaryName = "$(command -v runc)"
        Root = "$ctrd/runc"
        SystemdCgroup = false
  [plugins.'io.containerd.cri.v1.runtime'.cni]
    bin_dirs = ["/usr/lib/cni"]
    conf_dir = "$dir/cni/net.d"
    max_conf_num = 1
EOF
  # ipMasq false: pods reach the bridge and this machine, nothing beyond.
  cat >"$dir/cni/net.d/10-headroom.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "$cni_network",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$bridge",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$dir/cni/ipam",
        "ranges": [[{"subnet": "$pod_subnet", "gateway": "$node_ip"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "loopback"}
  ]
}
EOF
  ca=ca sign kubelet "/O=system:nodes/CN=system:node:$(node_name 1)" clientAuth
  ca=ca sign kube-proxy "/CN=system:kube-proxy" clientAuth
  kubeconfig "$dir/kubelet.kubeconfig" "system:node:$(node_name 1)" kubelet
  kubeconfig "$dir/kube-proxy.kubeconfig" system:kube-proxy kube-proxy
  cat >"$dir/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $node_ip
port: $kubelet_port
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $kubelet_healthz_port
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $pki/ca.crt}
authorization: {mode: Webhook}
containerRuntimeEndpoint: unix://$ctrd_sock
imageServiceEndpoint: unix://$ctrd_sock
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
oomScoreAdj: 0
clusterDomain: cluster.local
clusterDNS: [$dns_ip]
podLogsDir: $dir/pod-logs
volumePluginDir: $kubelet_root/volume-plugins
resolvConf: /etc/resolv.conf
serializeImagePulls: false
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
EOF
  cat >"$dir/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: nftables
clientConnection: {kubeconfig: $dir/kube-proxy.kubeconfig}
hostnameOverride: $(node_name 1)
bindAddress: $node_ip
healthzBindAddress: 127.0.0.1:$proxy_healthz_port
metricsBindAddress: 127.0.0.1:$proxy_metrics_port
clusterCIDR: $pod_subnet
nodePortAddresses: ["$node_ip/32"]
oomScoreAdj: 0
# Zero leaves the host's conntrack sysctls alone.
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s, udpTimeout: 0s, udpStreamTimeout: 0s}
EOF
}

node_apply_coredns() {
  local coredns_tag="$1"
  kc apply -f - >/dev/null <<EOF
apiVersion: v1
kind: ServiceAccount
metadata: {name: coredns, namespace: kube-system}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:coredns"}
rules:
- apiGroups: [""]
  resources: [endpoints, services, pods, namespaces]
  verbs: [list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:coredns"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:coredns"}
subjects: [{kind: ServiceAccount, name: coredns, namespace: kube-system}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
  # Cluster names only: nothing is forwarded, pods reach no outside resolver.
  Corefile: |
    .:1053 {
        errors
        health :8080
        ready :8181
        kubernetes cluster.local in-addr.arpa ip6.arpa {
            pods insecure
        }
        cache 30
    }
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  replicas: 1
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      serviceAccountName: coredns
      dnsPolicy: Default
      terminationGracePeriodSeconds: 2
      securityContext: {runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532}
      containers:
      - name: coredns
        image: $registry/coredns:$coredns_tag
        args: [-conf, /etc/coredns/Corefile]
        securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
        ports:
        - {name: dns, containerPort: 1053, protocol: UDP}
        - {name: dns-tcp, containerPort: 1053, protocol: TCP}
        readinessProbe: {httpGet: {path: /ready, port: 8181}, periodSeconds: 2}
        livenessProbe: {httpGet: {path: /health, port: 8080}, periodSeconds: 10}
        resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}
        volumeMounts: [{name: config, mountPath: /etc/coredns, readOnly: true}]
      volumes: [{name: config, configMap: {name: coredns}}]
---
apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  clusterIP: $dns_ip
  selector: {k8s-app: kube-dns}
  ports:
  - {name: dns, port: 53, targetPort: 1053, protocol: UDP}
  - {name: dns-tcp, port: 53, targetPort: 1053, protocol: TCP}
EOF
}

# Called by do_up before the control plane starts: records the host's state,
# then makes the bridge, whose address is the node IP the apiserver binds to.
node_prepare() {
  echo "$nodebin" >"$run/nodebin"
  node_save_env
  node_save_host_state
  ip link show "$bridge" >/dev/null 2>&1 || ip link add "$bridge" type bridge
  ip addr replace "$node_ip/24" dev "$bridge"
  ip link set "$bridge" up
}

# Called by do_up once the control plane is up.
node_up() {
  local p
  for p in "$registry_port" "$kubelet_healthz_port" "$proxy_healthz_port" "$proxy_metrics_port"; do
    port_free "$p" || die "port 127.0.0.1:$p is already in use (HEADROOM_REGISTRY_PORT, HEADROOM_KUBELET_HEALTHZ_PORT, HEADROOM_PROXY_*_PORT)"
  done
  [[ ! -d /sys/fs/cgroup/memory/kubepods && ! -d /sys/fs/cgroup/kubepods ]] \
    || die "kubepods cgroups exist: another real kubelet runs on this machine (one HEADROOM_NODE=containerd cluster at a time)"
  node_write_configs

  launch registry docker-registry serve "$dir/registry.yaml"
  wait_for registry "$start_timeout" "the registry at http://$registry/v2/" registry_ok
  local start=$SECONDS
  HEADROOM_REGISTRY="$registry" "$here/images" node || fail registry "e2e/images node failed"
  log "node images pushed in $((SECONDS - start))s"

  # containerd 2.x runs its own shim, first on PATH.
  PATH="$nodebin:$PATH" launch containerd "$nodebin/containerd" --config "$ctrd/config.toml" --log-level warn
  wait_for containerd "$start_timeout" "containerd on $ctrd_sock" containerd_ok

  launch kubelet-1 "$bindir/kubelet" \
    --config "$dir/kubelet.yaml" \
    --kubeconfig "$dir/kubelet.kubeconfig" \
    --root-dir "$kubelet_root" \
    --cert-dir "$kubelet_root/pki" \
    --hostname-override "$(node_name 1)" \
    --node-ip "$node_ip" \
    --v=1
  launch kube-proxy "$bindir/kube-proxy" --config "$dir/kube-proxy.yaml" --v=1
  wait_for kubelet-1 "$node_timeout" "kubelet /healthz" kubelet_ok
  wait_for kube-proxy "$start_timeout" "kube-proxy /healthz" proxy_ok
  wait_for kubelet-1 "$node_timeout" "node $(node_name 1) Ready" node_ready 1

  node_apply_coredns "$(sed -E 's/.*coredns-(v[^_]+)_.*/\1/' <<<"${nodebin##*/}")"
  wait_for kubelet-1 "$node_timeout" "CoreDNS ready (kube-system/coredns)" coredns_ready

  start=$SECONDS
  HEADROOM_REGISTRY="$registry" "$here/images" app || fail registry "e2e/images app (Jib) failed"
  log "operator and worker images pushed in $((SECONDS - start))s"
}

# Helm values for the images `up` pushed, on stderr.
node_print_values() {
  log "images in $registry; install the chart with:"
  log "  helm install headroom helm/headroom --set image.repository=$registry/headroom-operator --set workerImage.repository=$registry/headroom-worker"
}
