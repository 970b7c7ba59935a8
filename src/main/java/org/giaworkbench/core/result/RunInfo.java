package org.giaworkbench.core.result;

/** Where and with what a run executed (recorded with its results). */
public record RunInfo(String device, String engine, String engineVersion, String djlVersion, String appVersion,
                      String javaVersion, long parameterCount) {
}
