#!/usr/bin/env python3
"""Reference values for GIA Workbench's parity test (src/test/resources/parity/reference-values.json).

Computes, with plain PyTorch and no code from the workbench, the gradient-matching quantities the
Java side computes, on the same weights and the same real images:
  * DLG on the DLG LeNet with the workbench scheme's seeded weights (model.init=workbench: java.util.Random(0), U(-0.5, 0.5),
    reproduced bit for bit below): squared-L2 gradient distance and its gradient with respect to the guess;
  * Inverting Gradients on the bundled trained CIFAR ResNet-20 (BatchNorm eval and train): 1 - cosine
    + 0.01 TV and its gradient.
Images come from the bundled CIFAR-10 file. Run with Debian's PyTorch:
  /usr/bin/python3 tools/parity_reference.py > src/test/resources/parity/reference-values.json
"""
import io
import json
import zipfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

BUNDLED = "src/main/resources/org/giaworkbench/data/bundled/cifar10-test1000.bin"
RESNET20 = "src/main/resources/org/giaworkbench/model/weights/resnet20-cifar10.npz"
MEAN = [0.4914, 0.4822, 0.4465]
STD = [0.2470, 0.2435, 0.2616]


class JavaRandom:
    """java.util.Random's 48-bit LCG, enough for nextFloat()."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def next_bits(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        return self.seed >> (48 - bits)

    def next_float(self):
        return np.float32(self.next_bits(24)) / np.float32(1 << 24)


def images(indices):
    raw = np.fromfile(BUNDLED, dtype=np.uint8).reshape(-1, 3073)
    labels = [int(raw[i, 0]) for i in indices]
    pix = np.stack([raw[i, 1:].reshape(3, 32, 32) for i in indices]).astype(np.float32) / np.float32(255)
    return torch.from_numpy(pix), torch.tensor(labels)


def normalise(x):
    return (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 12, 5, 2, 2), nn.Sigmoid(), nn.Conv2d(12, 12, 5, 2, 2), nn.Sigmoid(),
                                  nn.Conv2d(12, 12, 5, 1, 2), nn.Sigmoid())
        self.fc = nn.Linear(768, 100)

    def forward(self, x):
        return self.fc(self.body(x).flatten(1))


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.pad = cout // 4 if (stride != 1 or cin != cout) else 0

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        short = x if self.pad == 0 else F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, self.pad, self.pad))
        return F.relu(out + short)


class ResNet20(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        cin, stages = 16, []
        for i, cout in enumerate([16, 32, 64]):
            blocks = []
            for b in range(3):
                blocks.append(Block(cin, cout, 2 if i > 0 and b == 0 else 1))
                cin = cout
            stages.append(nn.Sequential(*blocks))
        self.layer1, self.layer2, self.layer3 = stages
        self.linear = nn.Linear(64, 10)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer3(self.layer2(self.layer1(out)))
        return self.linear(F.adaptive_avg_pool2d(out, 1).flatten(1))


def gradient_match(net, truth, guess, labels, cosine, tv_weight):
    params = [p for p in net.parameters()]
    target = [g.detach() for g in torch.autograd.grad(F.cross_entropy(net(truth), labels), params)]
    x = guess.clone().requires_grad_(True)
    grads = torch.autograd.grad(F.cross_entropy(net(x), labels), params, create_graph=True)
    if cosine:
        dot = sum((g * t).sum() for g, t in zip(grads, target))
        gn = sum(g.pow(2).sum() for g in grads).sqrt()
        tn = sum(t.pow(2).sum() for t in target).sqrt()
        distance = 1 - dot / (gn * tn)
    else:
        distance = sum(((g - t) ** 2).sum() for g, t in zip(grads, target))
    tv = (x[:, :, :, 1:] - x[:, :, :, :-1]).abs().mean() + (x[:, :, 1:, :] - x[:, :, :-1, :]).abs().mean()
    total = distance + tv_weight * tv
    dx, = torch.autograd.grad(total, [x])
    flat = dx.flatten()
    return {"total": total.item(), "distance": distance.item(), "dx_norm": flat.norm().item(),
            "dx_sum": flat.sum().item(), "dx_first": [flat[i].item() for i in range(5)]}


def main():
    torch.set_num_threads(2)
    out = {"torch": torch.__version__}
    lenet = LeNet()
    rng = JavaRandom(0)
    with torch.no_grad():
        for _, p in lenet.named_parameters():
            vals = np.array([rng.next_float() - np.float32(0.5) for _ in range(p.numel())], dtype=np.float32)
            p.copy_(torch.from_numpy(vals.reshape(p.shape)))
    truth, labels = images([0])
    guess, _ = images([1])
    out["dlg_lenet_seed0"] = gradient_match(lenet, truth, guess, labels, cosine=False, tv_weight=0.0)

    resnet = ResNet20()
    with zipfile.ZipFile(RESNET20) as z:
        state = {n[:-4]: torch.from_numpy(np.load(io.BytesIO(z.read(n)))) for n in z.namelist()}
    resnet.load_state_dict(state, strict=False)
    truth, labels = images([0, 1])
    guess, _ = images([2, 3])
    for mode in ["eval", "train"]:
        resnet.train(mode == "train")
        saved = {k: v.clone() for k, v in resnet.state_dict().items()}
        out["ig_resnet20_trained_bn_" + mode] = gradient_match(resnet, normalise(truth), normalise(guess), labels,
                                                               cosine=True, tv_weight=0.01)
        resnet.load_state_dict(saved)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
