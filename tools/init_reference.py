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
from reference_models import CifarResNet18, LeNet, ResNet20  # noqa: E402


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
