package org.giaworkbench.perceptual;

import java.nio.file.Path;
import org.giaworkbench.core.GiaException;

/**
 * Which LPIPS a run computes, from the spec value {@code run.lpips}:
 * <ul>
 *   <li>{@code squeeze} (default): the bundled ImageNet SqueezeNet 1.1, reported as "LPIPS-squeeze (approximate)";</li>
 *   <li>{@code alex:FILE} / {@code vgg:FILE}: torchvision AlexNet / VGG-16 weights from a user's {@code .npz}
 *       with torchvision state-dict names ({@code features.0.weight}, {@code features.0.bias}, ...; extra
 *       entries such as {@code classifier.*} are ignored), made from a {@code .pth} by
 *       {@code tools/export_lpips_backbone.py}; reported as "LPIPS-alex" / "LPIPS-vgg";</li>
 *   <li>{@code squeeze:FILE}: torchvision SqueezeNet 1.1 weights from a file ("LPIPS-squeeze");</li>
 *   <li>{@code off}: no LPIPS.</li>
 * </ul>
 */
public record LpipsChoice(String net, Path file) {

    public static final String DEFAULT = "squeeze";
    public static final LpipsChoice OFF = new LpipsChoice("off", null);

    public static LpipsChoice parse(String value) {
        String v = value == null || value.isBlank() ? DEFAULT : value.trim();
        if (v.equals("off") || v.equals("none")) {
            return OFF;
        }
        int colon = v.indexOf(':');
        String net = colon < 0 ? v : v.substring(0, colon);
        Path file = colon < 0 ? null : Path.of(v.substring(colon + 1));
        if (!net.equals("squeeze") && !net.equals("alex") && !net.equals("vgg")) {
            throw GiaException.badInput("run.lpips '" + value + "' is not an LPIPS backbone",
                    "use squeeze (bundled), alex:FILE.npz, vgg:FILE.npz or off");
        }
        if (file == null && !net.equals("squeeze")) {
            throw GiaException.badInput("LPIPS-" + net + " needs the backbone's ImageNet weights, which are not bundled",
                    "use run.lpips=" + net + ":FILE.npz (torchvision names; tools/export_lpips_backbone.py makes one)");
        }
        return new LpipsChoice(net, file);
    }

    public boolean off() {
        return net.equals("off");
    }

    /** True for the bundled SqueezeNet, whose weights may not be those the LPIPS heads were trained with. */
    public boolean approximate() {
        return net.equals("squeeze") && file == null;
    }

    public String label() {
        return off() ? "LPIPS (off)" : "LPIPS-" + net + (approximate() ? " (approximate)" : "");
    }

    public String variant() {
        if (off()) {
            return "off";
        }
        String backbone = approximate()
                ? "bundled ImageNet SqueezeNet 1.1 (ONNX model zoo; may differ from the torchvision weights the heads were trained with)"
                : "torchvision " + net + " weights from " + file;
        return label() + ": LPIPS v0.1 linear heads (richzhang/PerceptualSimilarity) over " + backbone
                + "; [0,1] -> [-1,1], scaling layer, unit-normalised taps, squared difference, 1x1 heads, spatial mean,"
                + " sum over layers; native resolution, recon clamped";
    }
}
