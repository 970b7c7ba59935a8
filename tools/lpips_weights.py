#!/usr/bin/env python3
"""Converts the LPIPS weights for bundling and prints reference LPIPS values for the Java test.

Run once, from the repository root, with Debian's python3-torch (no torchvision, no lpips package):

    /usr/bin/python3 tools/lpips_weights.py /work/shared/data

What it does:
 1. Renames the ImageNet SqueezeNet 1.1 backbone (ONNX-zoo/GluonCV names squeezenet0_convN_*, 26 convolutions
    in torchvision order) to torchvision state-dict names (features.0.*, features.3.squeeze.*, ...,
    classifier.1.*) and writes src/main/resources/org/giaworkbench/perceptual/squeezenet1_1.npz.
 2. Checks the renamed weights with a plain-torch SqueezeNet 1.1 (written here, torchvision's layout)
    against the three input/output pairs shipped with the backbone (max abs logit error printed).
 3. Copies the LPIPS v0.1 linear heads (squeeze, alex, vgg) unchanged to the same folder.
 4. Prints LPIPS-squeeze values of fixed image pairs computed by an independent plain-torch LPIPS
    (same definition as richzhang/PerceptualSimilarity: scaling layer, unit-normalised features,
    squared difference, 1x1 heads, spatial mean, sum over layers); LpipsTest records them.
"""
import math
import os
import shutil
import sys

import numpy as np
import torch
import torch.nn.functional as F

OUT = "src/main/resources/org/giaworkbench/perceptual"
SHIFT = torch.tensor([-.030, -.088, -.188]).view(1, 3, 1, 1)
SCALE = torch.tensor([.458, .448, .450]).view(1, 3, 1, 1)
FIRES = [3, 4, 6, 7, 9, 10, 11, 12]


def rename(src):
    out = {}
    conv = lambda i, kind: src[f"squeezenet0_conv{i}_{kind}"]
    for kind in ("weight", "bias"):
        out[f"features.0.{kind}"] = conv(0, kind)
        for f, fire in enumerate(FIRES):
            base = 1 + 3 * f
            out[f"features.{fire}.squeeze.{kind}"] = conv(base, kind)
            out[f"features.{fire}.expand1x1.{kind}"] = conv(base + 1, kind)
            out[f"features.{fire}.expand3x3.{kind}"] = conv(base + 2, kind)
        out[f"classifier.1.{kind}"] = conv(25, kind)
    return out


def fire(x, w, i):
    s = F.relu(F.conv2d(x, w[f"features.{i}.squeeze.weight"], w[f"features.{i}.squeeze.bias"]))
    a = F.relu(F.conv2d(s, w[f"features.{i}.expand1x1.weight"], w[f"features.{i}.expand1x1.bias"]))
    b = F.relu(F.conv2d(s, w[f"features.{i}.expand3x3.weight"], w[f"features.{i}.expand3x3.bias"], padding=1))
    return torch.cat([a, b], 1)


def pool(x):
    return F.max_pool2d(x, 3, 2, ceil_mode=True)


def slices(x, w):
    """The seven LPIPS taps of SqueezeNet 1.1 (after features[0:2], [2:5], [5:8], [8:10], [10], [11], [12])."""
    h = F.relu(F.conv2d(x, w["features.0.weight"], w["features.0.bias"], stride=2))
    taps = [h]
    h = fire(fire(pool(h), w, 3), w, 4); taps.append(h)
    h = fire(fire(pool(h), w, 6), w, 7); taps.append(h)
    h = fire(pool(h), w, 9); taps.append(h)
    h = fire(h, w, 10); taps.append(h)
    h = fire(h, w, 11); taps.append(h)
    h = fire(h, w, 12); taps.append(h)
    return taps


def logits(x, w):
    h = slices(x, w)[-1]
    h = F.relu(F.conv2d(h, w["classifier.1.weight"], w["classifier.1.bias"]))
    return h.mean(dim=(2, 3))


def lpips(a, b, w, heads):
    """a, b: N x 3 x H x W in [0, 1]."""
    fa = slices(((2 * a - 1) - SHIFT) / SCALE, w)
    fb = slices(((2 * b - 1) - SHIFT) / SCALE, w)
    total = 0
    for k, (x, y) in enumerate(zip(fa, fb)):
        x = x / (torch.sqrt(torch.sum(x * x, 1, keepdim=True)) + 1e-10)
        y = y / (torch.sqrt(torch.sum(y * y, 1, keepdim=True)) + 1e-10)
        d = F.conv2d((x - y) ** 2, heads[f"lin{k}.model.1.weight"])
        total = total + d.mean(dim=(2, 3))
    return total.flatten()


def cifar(path, index):
    rec = np.fromfile(path, dtype=np.uint8).reshape(-1, 3073)[index]
    return torch.tensor(rec[1:].reshape(3, 32, 32).astype(np.float32) / 255.0)


def pattern(kind, h=32, w=32):
    """Deterministic images with the same formula as LpipsTest.pattern."""
    img = torch.zeros(3, h, w)
    for c in range(3):
        for y in range(h):
            for x in range(w):
                if kind == 0:
                    v = 0.5 + 0.4 * math.sin(0.3 * x + 0.7 * c) * math.cos(0.2 * y)
                else:
                    v = 0.5 + 0.45 * math.sin(1.9 * x + 2.3 * y + c)
                img[c, y, x] = v
    return img


def main(shared):
    os.makedirs(OUT, exist_ok=True)
    src = np.load(os.path.join(shared, "squeezenet1.1", "squeezenet1_1_imagenet.npz"))
    renamed = rename(src)
    assert len(renamed) == 2 * 26
    np.savez(os.path.join(OUT, "squeezenet1_1.npz"), **renamed)
    w = {k: torch.tensor(v) for k, v in renamed.items()}
    for t in range(3):
        d = os.path.join(shared, "squeezenet1.1", f"test_data_set_{t}")
        x = torch.tensor(np.load(os.path.join(d, "input_0.npy")))
        y = torch.tensor(np.load(os.path.join(d, "output_0.npy")))
        with torch.no_grad():
            err = (logits(x, w) - y).abs().max().item()
        print(f"port check test_data_set_{t}: max |logit error| = {err:.3g} (logit scale {y.abs().max().item():.1f})")
    for net in ("squeeze", "alex", "vgg"):
        shutil.copyfile(os.path.join(shared, "lpips", f"{net}.npz"), os.path.join(OUT, f"lpips-{net}.npz"))
    shutil.copyfile(os.path.join(shared, "lpips", "LICENSE"), os.path.join(OUT, "LICENSE-PerceptualSimilarity"))
    heads = {k: torch.tensor(v) for k, v in np.load(os.path.join(OUT, "lpips-squeeze.npz")).items()}
    bin_path = os.path.join(shared, "cifar10-test1000", "test1000_from_jpeg.bin")
    c0, c1 = cifar(bin_path, 0), cifar(bin_path, 1)
    p0, p1 = pattern(0), pattern(1)
    pairs = {
        "cifar0 vs cifar1": (c0, c1),
        "cifar0 vs (cifar0 + 0.1 * pattern1 - 0.05)": (c0, (c0 + 0.1 * p1 - 0.05).clamp(0, 1)),
        "pattern0 vs pattern1": (p0, p1),
        "pattern0 vs 0.5 grey": (p0, torch.full_like(p0, 0.5)),
    }
    with torch.no_grad():
        for name, (a, b) in pairs.items():
            v = lpips(a[None], b[None], w, heads).item()
            print(f"LPIPS-squeeze {name}: {v:.6f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
