package dev.headroom.worker;

/**
 * The pod half of the worker contract (the HTTP half is {@link ControlApi}): the environment
 * variables a worker reads and the paths where the operator mounts what it needs. The operator
 * builds worker pods from these and the worker reads them, so the two cannot drift apart.
 */
public final class WorkerPod {

  /** How many workers the run has; with {@link #INDEX_ENV}, this worker's share. */
  public static final String WORKERS_ENV = "HEADROOM_WORKERS";
  /** This worker's index: the indexed Job sets it. */
  public static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
  public static final String PLAN_ENV = "HEADROOM_PLAN";
  public static final String TOKEN_FILE_ENV = "HEADROOM_TOKEN_FILE";
  public static final String SECRETS_DIR_ENV = "HEADROOM_SECRETS_DIR";
  public static final String DATA_DIR_ENV = "HEADROOM_DATA_DIR";
  /** The address the control port binds: the pod's IP. */
  public static final String BIND_ENV = "HEADROOM_BIND";
  public static final String CONTROL_PORT_ENV = "HEADROOM_CONTROL_PORT";
  /** Event loops, one per requested core. */
  public static final String LANES_ENV = "HEADROOM_LANES";
  /** For test kubelets that run pods as processes: a JSON file of mount path to directory. */
  public static final String MOUNTS_ENV = "HEADROOM_MOUNTS";

  public static final String PLAN_DIR = "/etc/headroom/plan";
  public static final String PLAN_KEY = "plan.json";
  public static final String TOKEN_DIR = "/etc/headroom/token";
  public static final String TOKEN_KEY = "token";
  /** Each Secret of the target's headers at {@code <dir>/<secret>/<key>}. */
  public static final String SECRETS_DIR = "/etc/headroom/secrets";
  /** Each data set's ConfigMap or Secret key at {@code <dir>/<set>/<key>}. */
  public static final String DATA_DIR = "/etc/headroom/data";

  private WorkerPod() {
  }

  public static String planFile() {
    return PLAN_DIR + "/" + PLAN_KEY;
  }

  public static String tokenFile() {
    return TOKEN_DIR + "/" + TOKEN_KEY;
  }

  /** Where data set {@code set} is mounted. */
  public static String dataMount(String set) {
    return DATA_DIR + "/" + set;
  }
}
