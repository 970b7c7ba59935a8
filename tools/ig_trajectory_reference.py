#!/usr/bin/env python3
"""Reference losses for IgTrajectoryParityTest (src/test/resources/parity/ig-trajectory.json).

Inverting Gradients as tools/quality_reference.py runs it, for its first ten iterations, on a problem
the Java test builds from the same seeds without Python: the CIFAR ResNet-18 with model.init=reference
and seed 0 (torch.manual_seed(0), then the module: the same weights, see ReferenceInitTest), the first
cat of the bundled CIFAR-10 file, its label, CIFAR-10 normalisation, and the starting image the
workbench draws with java.util.Random(0).nextGaussian() (reproduced below), TV 1e-2, lr 0.1, 10
iterations (so the step decays at 3, 6 and 8 fall inside them). Run with Debian's PyTorch:
  /usr/bin/python3 tools/ig_trajectory_reference.py > src/test/resources/parity/ig-trajectory.json
"""
import argparse
import json
import math
import sys

import numpy as np
import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from parity_reference import BUNDLED, MEAN, STD, JavaRandom  # noqa: E402
from quality_reference import run_ig  # noqa: E402
from reference_models import CifarResNet18  # noqa: E402


def next_gaussian_floats(seed, n):
    """java.util.Random(seed).nextGaussian() n times (Marsaglia's polar method), each cast to float."""
    rng = JavaRandom(seed)
    out, spare = [], None
    while len(out) < n:
        if spare is not None:
            out.append(spare)
            spare = None
            continue
        while True:
            v1 = 2 * (((rng.next_bits(26) << 27) + rng.next_bits(27)) * 2.0 ** -53) - 1
            v2 = 2 * (((rng.next_bits(26) << 27) + rng.next_bits(27)) * 2.0 ** -53) - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        multiplier = math.sqrt(-2 * math.log(s) / s)
        spare = v2 * multiplier
        out.append(v1 * multiplier)
    return np.array(out, dtype=np.float32)


def main():
    torch.set_num_threads(2)
    raw = np.fromfile(BUNDLED, dtype=np.uint8).reshape(-1, 3073)
    index = next(i for i in range(raw.shape[0]) if raw[i, 0] == 3)  # the first cat
    truth = torch.from_numpy(raw[index, 1:].reshape(1, 3, 32, 32).astype(np.float32) / np.float32(255))
    labels = torch.tensor([3])
    torch.manual_seed(0)
    net = CifarResNet18(10)
    net.eval()
    mean = torch.tensor(MEAN).view(1, 3, 1, 1)
    std = torch.tensor(STD).view(1, 3, 1, 1)
    x0 = torch.from_numpy(next_gaussian_floats(0, truth.numel()))
    args = argparse.Namespace(iters=10, lr=0.1, tv=0.01)
    losses, _ = run_ig(args, net, truth, labels, mean, std, x0)
    print(json.dumps({"torch": torch.__version__, "index": index, "label": 3, "losses": losses}, indent=1))


if __name__ == "__main__":
    main()
