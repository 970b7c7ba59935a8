#!/usr/bin/env python3
"""Writes the tiny TorchScript model that TorchScriptImportTest imports and attacks.

The net is the LeNet of DLG (Zhu et al. 2019) for 32x32 RGB images and 10 classes: three 5x5
convolutions of 12 channels (strides 2, 2, 1; padding 2), each followed by a Sigmoid, then one linear
layer (768 -> 10). Every weight and bias is drawn U(-0.5, 0.5) with torch.manual_seed(0), as DLG does.
15,826 parameters; the file is about 70 KB. Any libtorch >= 1.13 loads it.

Made once with Debian's PyTorch 1.13.1 (apt-get install python3-torch):
  /usr/bin/python3 tools/make_tiny_torchscript.py src/test/resources/org/giaworkbench/model/tiny-lenet.pt
The test needs no Python: it only reads the file.
"""
import sys

import torch
from torch import nn


class TinyLeNet(nn.Module):

    def __init__(self) -> None:
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 12, 5, stride=2, padding=2), nn.Sigmoid(),
            nn.Conv2d(12, 12, 5, stride=2, padding=2), nn.Sigmoid(),
            nn.Conv2d(12, 12, 5, stride=1, padding=2), nn.Sigmoid())
        self.fc = nn.Linear(768, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.body(x), 1))


def main() -> None:
    torch.manual_seed(0)
    net = TinyLeNet()
    with torch.no_grad():
        for p in net.parameters():
            p.uniform_(-0.5, 0.5)
    scripted = torch.jit.script(net.eval())
    scripted.save(sys.argv[1])
    x = torch.linspace(0, 1, 3 * 32 * 32).reshape(1, 3, 32, 32)
    print("parameters", sum(p.numel() for p in net.parameters()))
    print("logits of the linspace probe", [round(v, 6) for v in scripted(x)[0].tolist()])


if __name__ == "__main__":
    main()
