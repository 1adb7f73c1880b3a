package dev.headroom.operator.run;

/**
 * Where one worker of a run answers: its pod (by uid, so a replacement pod is not mistaken for
 * it) and the pod's control port.
 */
public record WorkerEndpoint(int index, String podName, String podUid, String host, int port) {}
