package io.tune4j.tune.runtime;

import java.io.Serializable;

/**
 * Where an actor (or any code) runs.
 *
 * @param pid the process id of the JVM (in the embedded mode the driver's own)
 * @param nodeId the Ray node's id ({@code "local"} in the embedded mode)
 * @param nodeIp the address the Ray node registered under ({@code 127.0.0.1} in the embedded
 *     mode); nodes started on one machine share it
 * @param hostname the machine's host name
 */
public record ActorInfo(long pid, String nodeId, String nodeIp, String hostname)
    implements Serializable {}
