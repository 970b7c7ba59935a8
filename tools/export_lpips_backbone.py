#!/usr/bin/env python3
"""Writes torchvision AlexNet / VGG-16 / SqueezeNet 1.1 ImageNet weights as the .npz GIA Workbench reads
for the standard LPIPS (run.lpips=alex:FILE.npz, vgg:FILE.npz, squeeze:FILE.npz).

    python3 tools/export_lpips_backbone.py alexnet-owt-7be5be79.pth alex.npz

The input is a torchvision state dict (.pth, e.g. from torchvision's model download cache
~/.cache/torch/hub/checkpoints/). The output keeps torchvision's names (features.0.weight, features.0.bias,
...); the app reads the features.* convolutions it needs and ignores the rest. Needs only torch and numpy.
"""
import sys

import numpy as np
import torch


def main(src, dst):
    state = torch.load(src, map_location="cpu")
    if "state_dict" in state:
        state = state["state_dict"]
    arrays = {k: v.detach().float().numpy() for k, v in state.items() if torch.is_tensor(v)}
    np.savez(dst, **arrays)
    print(f"wrote {len(arrays)} arrays to {dst}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
