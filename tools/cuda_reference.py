#!/usr/bin/env python3
"""The benchmark's PyTorch yardstick on a CUDA GPU: `./gia bench --device cuda --reference tools/cuda_reference.py`.

It takes the same arguments as the team's gia_reference.py (plus --device) and times the same
Inverting Gradients step, with the models imported from gia_reference.py (set GIA_REFERENCE_DIR to
the folder that holds it; default ../shared/reference). GPU work is asynchronous, so each timed step
ends with torch.cuda.synchronize(); the Java side synchronises implicitly when it copies the
gradient back to the host optimiser.
"""
import argparse
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.environ.get("GIA_REFERENCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "reference")))
import gia_reference as ref  # noqa: E402


def run_ig(args, dev):
    net = ref.CifarResNet18(10).to(dev)
    net.train(args.bn == "train")
    params = list(net.parameters())
    gt = ref.synthetic_image(args.batch).to(dev)
    labels = torch.tensor([(3 + 2 * i) % 10 for i in range(args.batch)], device=dev)
    target = [g.detach() for g in torch.autograd.grad(F.cross_entropy(net(gt), labels), params)]
    tnorm = torch.stack([t.pow(2).sum() for t in target]).sum().sqrt()
    x = torch.randn(gt.shape, device=dev).requires_grad_(True)
    opt = torch.optim.Adam([x], lr=0.1)
    times = []
    for _ in range(args.iters):
        torch.cuda.synchronize(dev)
        t0 = time.perf_counter()
        grads = torch.autograd.grad(F.cross_entropy(net(x), labels), params, create_graph=True)
        dot = sum((g * t).sum() for g, t in zip(grads, target))
        gnorm = sum(g.pow(2).sum() for g in grads).sqrt()
        tv = (x[:, :, :, 1:] - x[:, :, :, :-1]).abs().mean() + (x[:, :, 1:, :] - x[:, :, :-1, :]).abs().mean()
        loss = 1 - dot / (gnorm * tnorm) + args.tv * tv
        x.grad, = torch.autograd.grad(loss, [x])
        x.grad.sign_()
        opt.step()
        torch.cuda.synchronize(dev)
        times.append((time.perf_counter() - t0) * 1000)
    kept = times[args.warmup:] or times
    print(f"RESULT attack=ig model=resnet18-cifar batch={args.batch} bn={args.bn} iters={args.iters} "
          f"median_ms={statistics.median(kept):.2f} min_ms={min(kept):.2f} torch={torch.__version__} "
          f"device={torch.cuda.get_device_name(dev)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("attack", choices=["ig"])
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--bn", choices=["train", "eval"], default="eval")
    ap.add_argument("--iters", type=int, default=15)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--tv", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", default="cuda")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    run_ig(args, torch.device(args.device))


if __name__ == "__main__":
    main()
