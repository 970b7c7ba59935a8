package org.giaworkbench.core.spec;

/**
 * The federated protocol and the threat model.
 *
 * @param protocol {@code fedsgd}: the client shares the gradient of one batch
 * @param labels   what the server knows of the labels: {@code auto} (the attack's own assumption),
 *                 {@code known} (granted to the attack) or {@code unknown}
 */
public record FlSpec(String protocol, String labels) {

    public static FlSpec defaults() {
        return new FlSpec("fedsgd", "auto");
    }
}
