#!/usr/bin/env python3
"""The plain-PyTorch side of `./gia bench --quality`: the same attack on the same problem as the workbench.

The Java side exports, per case, the model's weights (PyTorch names) and the problem: gia.truth (the
client's images in [0, 1]), gia.labels, gia.mean / gia.std (the model sees (x - mean) / std) and
gia.x0, the attack's seeded starting vector. This script computes the client's gradient itself, runs
the attack as the papers' code does (written here from their descriptions, not imported), and prints
one RESULT line with the first and the lowest loss and each image's PSNR (--losses FILE: every loss).

  ig   Inverting Gradients (Geiping et al.; inversefed's defaults): 1 - cosine similarity of all
       parameter gradients + tv * TV (mean absolute differences), Adam (lr 0.1) on the sign of the
       gradient, lr x0.1 at 3/8, 5/8 and 7/8 of the iterations, images clamped to the valid box after
       every step. BatchNorm in eval mode.
  dlg  DLG (Zhu et al.): squared L2 distance of the gradients over dummy images and dummy label logits
       (cross-entropy against softmax(logits)), L-BFGS (lr 1, 20 evaluations per step, history 100,
       strong-Wolfe line search).
Both keep the images of the lowest loss they evaluated, as the workbench does. PSNR: per image,
de-normalised and clamped to [0, 1], 10 log10(1 / MSE).

Run with Debian's PyTorch (apt-get install -y python3-torch libopenblas0-pthread):
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread OPENBLAS_NUM_THREADS=1 \\
    /usr/bin/python3 tools/quality_reference.py ig --case C.npz --weights W.npz --iters 500
"""
import argparse
import math
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from reference_models import CifarResNet18, LeNet  # noqa: E402


def load(args):
    case = np.load(args.case)
    net = CifarResNet18(args.classes) if args.attack == "ig" else LeNet()
    weights = np.load(args.weights)
    state = net.state_dict()
    for name in state:
        if name.endswith("num_batches_tracked"):
            continue  # a counter, not a weight
        state[name] = torch.from_numpy(weights[name]).reshape(state[name].shape)
    net.load_state_dict(state)
    net.eval()
    truth = torch.from_numpy(case["gia.truth"])
    labels = torch.from_numpy(case["gia.labels"]).long()
    mean = torch.from_numpy(case["gia.mean"]).view(1, -1, 1, 1)
    std = torch.from_numpy(case["gia.std"]).view(1, -1, 1, 1)
    x0 = torch.from_numpy(case["gia.x0"])
    return net, truth, labels, mean, std, x0


def psnr(x, truth, mean, std):
    images = (x.detach() * std + mean).clamp(0, 1)
    return [10 * math.log10(1.0 / F.mse_loss(images[i], truth[i]).item()) for i in range(truth.shape[0])]


def total_variation(x):
    return (x[:, :, :, 1:] - x[:, :, :, :-1]).abs().mean() + (x[:, :, 1:, :] - x[:, :, :-1, :]).abs().mean()


def run_ig(args, net, truth, labels, mean, std, x0):
    params = list(net.parameters())
    target = [g.detach() for g in torch.autograd.grad(F.cross_entropy(net((truth - mean) / std), labels), params)]
    tnorm = torch.stack([t.pow(2).sum() for t in target]).sum().sqrt()
    lower, upper = (0 - mean) / std, (1 - mean) / std
    x = torch.max(torch.min(x0.view(truth.shape).clone(), upper), lower).requires_grad_(True)
    opt = torch.optim.Adam([x], lr=args.lr)
    n = args.iters
    sched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[n * 3 // 8, n * 5 // 8, n * 7 // 8], gamma=0.1)
    best, best_loss, losses = x.detach().clone(), float("inf"), []
    for _ in range(n):
        grads = torch.autograd.grad(F.cross_entropy(net(x), labels), params, create_graph=True)
        dot = sum((g * t).sum() for g, t in zip(grads, target))
        gnorm = sum(g.pow(2).sum() for g in grads).sqrt()
        loss = 1 - dot / (gnorm * tnorm) + args.tv * total_variation(x)
        value = loss.item()
        losses.append(value)
        if value < best_loss:
            best_loss, best = value, x.detach().clone()
        x.grad, = torch.autograd.grad(loss, [x])
        x.grad.sign_()
        opt.step()
        sched.step()
        with torch.no_grad():
            x.copy_(torch.max(torch.min(x, upper), lower))
    return losses, best


def run_dlg(args, net, truth, labels, mean, std, x0):
    params = list(net.parameters())
    target = [g.detach() for g in torch.autograd.grad(F.cross_entropy(net((truth - mean) / std), labels), params)]
    images = truth.numel()
    x = x0[:images].view(truth.shape).clone().requires_grad_(True)
    logits = x0[images:].view(truth.shape[0], args.classes).clone().requires_grad_(True)
    opt = torch.optim.LBFGS([x, logits], lr=1, max_iter=20, history_size=100, line_search_fn="strong_wolfe")
    state = {"losses": [], "best_loss": float("inf"), "best": x.detach().clone()}

    def closure():
        opt.zero_grad()
        out = net(x)
        loss = -(F.log_softmax(out, 1) * F.softmax(logits, 1)).sum(1).mean()
        grads = torch.autograd.grad(loss, params, create_graph=True)
        d = sum(((g - t) ** 2).sum() for g, t in zip(grads, target))
        value = d.item()
        state["losses"].append(value)
        if value < state["best_loss"]:
            state["best_loss"], state["best"] = value, x.detach().clone()
        d.backward()
        return d

    for _ in range(args.iters):
        opt.step(closure)
    return state["losses"], state["best"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("attack", choices=["ig", "dlg"])
    ap.add_argument("--case", required=True)
    ap.add_argument("--weights", required=True)
    ap.add_argument("--iters", type=int, default=500)
    ap.add_argument("--tv", type=float, default=0.01)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--classes", type=int, default=10)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--losses", help="write every evaluated loss here, one per line")
    ap.add_argument("--jitter", type=float, default=0.0,
                    help="add N(0, jitter^2) noise (torch.manual_seed(--jitter-seed)) to the starting point: how much "
                         "the reference's own PSNR moves when its path changes by float noise")
    ap.add_argument("--jitter-seed", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    problem = load(args)
    if args.jitter > 0:
        net, truth, labels, mean, std, x0 = problem
        g = torch.Generator().manual_seed(args.jitter_seed)
        problem = (net, truth, labels, mean, std, x0 + args.jitter * torch.randn(x0.shape, generator=g))
    losses, best = (run_ig if args.attack == "ig" else run_dlg)(args, *problem)
    scores = psnr(best, problem[1], problem[3], problem[4])
    if args.losses:
        with open(args.losses, "w") as f:
            f.writelines(f"{v:.9g}\n" for v in losses)
    print(f"RESULT attack={args.attack} iters={args.iters} first_loss={losses[0]:.9g} "
          f"best_loss={min(losses):.9g} psnr={','.join(f'{p:.4f}' for p in scores)} torch={torch.__version__}")


if __name__ == "__main__":
    main()
