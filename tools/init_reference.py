#!/usr/bin/env python3
"""What `model.init=reference` must give: PyTorch's own initial weights, for ReferenceInitTest.

For each architecture and seed, torch.manual_seed(seed), then the module built as its reference code
builds it (torchvision's models, DLG's LeNet with its U(-0.5, 0.5) re-initialisation, the CIFAR
ResNet-20 of the widely used port with kaiming-normal fan-in, the CIFAR ResNet-18 of the team's
reference with torchvision's ResNet scheme), and a summary of every parameter: the first three and
the last value, the sum and the sum of squares. The Java side draws from the same libtorch generator
in the same order and must give the same numbers.

Needs Debian's PyTorch and torchvision (apt-get install -y python3-torch python3-torchvision):
  /usr/bin/python3 tools/init_reference.py > src/test/resources/parity/init-reference.json
"""
import json
import sys

import torch
import torch.nn as nn
import torchvision

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from parity_reference import LeNet, ResNet20  # noqa: E402


class Block(nn.Module):
    """The team reference's basic block: conv-bn-relu-conv-bn, 1x1 conv + bn shortcut where the shape changes."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.short = nn.Sequential()
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))


class CifarResNet18(nn.Module):
    """gia_reference.py's CIFAR ResNet-18 (3x3 stem, no max-pool), initialised as torchvision's ResNet."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        layers, cin = [], 64
        for cout, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
            layers += [Block(cin, cout, stride), Block(cout, cout, 1)]
            cin = cout
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(512, num_classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)


def dlg_lenet():
    net = LeNet()

    def weights_init(m):  # Zhu et al.'s DLG code
        if hasattr(m, "weight"):
            m.weight.data.uniform_(-0.5, 0.5)
        if hasattr(m, "bias"):
            m.bias.data.uniform_(-0.5, 0.5)

    net.apply(weights_init)
    return net


def cifar_resnet20():
    net = ResNet20()

    def weights_init(m):  # the CIFAR ResNet port's _weights_init
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.kaiming_normal_(m.weight)

    net.apply(weights_init)
    return net


CASES = [
    ("lenet-dlg", 0, dlg_lenet),
    ("lenet-dlg", 7, dlg_lenet),
    ("resnet20", 0, cifar_resnet20),
    ("resnet18-cifar", 0, lambda: CifarResNet18(10)),
    ("resnet18-cifar", 3, lambda: CifarResNet18(10)),
    ("resnet18", 0, lambda: torchvision.models.resnet18(num_classes=1000)),
    ("googlenet", 0, lambda: torchvision.models.googlenet(num_classes=1000, aux_logits=False, init_weights=True)),
    ("alexnet", 0, lambda: torchvision.models.alexnet(num_classes=1000)),
    ("vgg11", 0, lambda: torchvision.models.vgg11(num_classes=1000)),
]


def summary(t):
    flat = t.detach().double().flatten()
    return {"first": [flat[i].item() for i in range(min(3, flat.numel()))], "last": flat[-1].item(),
            "sum": flat.sum().item(), "sumsq": flat.pow(2).sum().item(), "numel": flat.numel()}


def main():
    torch.set_num_threads(2)
    out = {"torch": torch.__version__, "torchvision": torchvision.__version__, "cases": []}
    for arch, seed, make in CASES:
        torch.manual_seed(seed)
        net = make()
        params = {name: summary(p) for name, p in net.named_parameters()}
        out["cases"].append({"arch": arch, "seed": seed, "parameters": params})
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
