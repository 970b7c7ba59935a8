#!/usr/bin/env python3
"""The benchmark's plain-PyTorch yardstick on a GPU or a CPU: `./gia bench --device cuda --reference tools/cuda_reference.py`.

It times the same work as the Java side, with the models and the synthetic image of the team's
gia_reference.py (set GIA_REFERENCE_DIR to the folder that holds it; default ../shared/reference).
One process runs one configuration and prints one line starting with RESULT (key=value pairs,
space separated). GPU work is asynchronous, so every timed span starts and ends with a device
synchronisation; the Java side synchronises when it copies the gradient back to its host optimiser.

Sub-commands:
  ig     one Inverting Gradients step (forward, CE, create-graph parameter gradients, 1 - cosine
         + tv * TV, gradient to x, sign, Adam) on the CIFAR ResNet-18 or the ImageNet ResNet-18
         (--arch resnet18, --resolution R: the synthetic image resized bilinearly)
  dlg    DLG on the DLG LeNet (squared L2, L-BFGS with strong Wolfe): milliseconds per evaluation
  gi     one GradInversion step (squared L2 + TV, L2 and BatchNorm-statistics priors weighted by
         1/scale, Adam on the plain gradient, clamp to [0, 1]) on the CIFAR ResNet-18
  sweep  K independent IG trials at batch 1, one step each per round, one after another
         (--vmap: also the same round as one torch.func.vmap step)
--device defaults to cpu, as the Java side passes --device only when it is not cpu.
Example: LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread OPENBLAS_NUM_THREADS=1 \\
           python3 tools/cuda_reference.py ig --arch resnet18 --resolution 224 --batch 64 --device cuda
"""
import argparse
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.environ.get("GIA_REFERENCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "reference")))
import gia_reference as ref  # noqa: E402


class TorchvisionBasicBlock(nn.Module):
    """Basic residual block with torchvision's names: conv-bn-relu-conv-bn plus identity or 1x1 conv + bn, then relu."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


class ImageNetResNet18(nn.Module):
    """torchvision's resnet18 without torchvision: 7x7 stride-2 stem, 3x3 stride-2 max-pool, [2, 2, 2, 2] basic blocks."""

    def __init__(self, num_classes=1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        cin = 64
        for stage, (cout, stride) in enumerate([(64, 1), (128, 2), (256, 2), (512, 2)], start=1):
            setattr(self, f"layer{stage}", nn.Sequential(TorchvisionBasicBlock(cin, cout, stride),
                                                         TorchvisionBasicBlock(cout, cout, 1)))
            cin = cout
        self.fc = nn.Linear(512, num_classes)

    def forward(self, x):
        out = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        out = self.layer4(self.layer3(self.layer2(self.layer1(out))))
        return self.fc(F.adaptive_avg_pool2d(out, 1).flatten(1))


ARCHS = {"resnet18-cifar": (ref.CifarResNet18, 10), "resnet18": (ImageNetResNet18, 1000)}


def sync(dev):
    """Waits for the device's queued work (CUDA only; CPU work is synchronous)."""
    if dev.type == "cuda":
        torch.cuda.synchronize(dev)


def device_name(dev):
    """The device's name without spaces, so that the RESULT line stays space separated."""
    return torch.cuda.get_device_name(dev).replace(" ", "_") if dev.type == "cuda" else dev.type


def build(arch, bn_mode, dev):
    """The seeded model (built on the CPU, so the weights do not depend on the device) in the given BatchNorm mode."""
    cls, classes = ARCHS[arch]
    net = cls(classes)
    net.train(bn_mode == "train")
    return net.to(dev), classes


def image(batch, resolution):
    """gia_reference's synthetic batch, bilinearly resized (align_corners=False) when the resolution is not 32."""
    x = ref.synthetic_image(batch)
    if resolution != 32:
        x = F.interpolate(x, size=(resolution, resolution), mode="bilinear", align_corners=False)
    return x


def labels_for(batch, classes, first=0):
    """The benchmark's labels: (3 + 2 i) mod classes for images first .. first + batch - 1."""
    return torch.tensor([(3 + 2 * i) % classes for i in range(first, first + batch)])


def observed_gradients(net, params, x, labels):
    """The client's parameter gradients of the cross-entropy on (x, labels), detached."""
    return [g.detach() for g in torch.autograd.grad(F.cross_entropy(net(x), labels), params)]


def total_variation(x):
    """Anisotropic TV: mean absolute horizontal plus mean absolute vertical neighbour difference."""
    return (x[..., :, 1:] - x[..., :, :-1]).abs().mean() + (x[..., 1:, :] - x[..., :-1, :]).abs().mean()


def l2_norm(d):
    """Unsquared L2 norm with the Java side's 1e-12 floor inside the root."""
    return (d.pow(2).sum() + 1e-12).sqrt()


def ig_step(net, params, x, labels, target, tnorm, tv, opt):
    """One Inverting Gradients step on x: 1 - cosine + tv * TV, signed gradient, Adam."""
    grads = torch.autograd.grad(F.cross_entropy(net(x), labels), params, create_graph=True)
    dot = sum((g * t).sum() for g, t in zip(grads, target))
    gnorm = sum(g.pow(2).sum() for g in grads).sqrt()
    loss = 1 - dot / (gnorm * tnorm) + tv * total_variation(x)
    x.grad, = torch.autograd.grad(loss, [x])
    x.grad.sign_()
    opt.step()


def timed(step, iters, dev):
    """Milliseconds of each of iters calls of step, synchronised before and after."""
    times = []
    for _ in range(iters):
        sync(dev)
        t0 = time.perf_counter()
        step()
        sync(dev)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def summary(times, warmup, prefix=""):
    """'median_ms=.. min_ms=..' over the times after the first warmup ones (all of them if none remain)."""
    kept = times[warmup:] or times
    return f"{prefix}median_ms={statistics.median(kept):.2f} {prefix}min_ms={min(kept):.2f}"


def tail(dev):
    """The RESULT line's closing fields: versions and where it ran."""
    return (f"torch={torch.__version__} device={device_name(dev)} threads={torch.get_num_threads()} "
            f"tf32={'on' if torch.backends.cudnn.allow_tf32 else 'off'}")


def run_ig(args, dev):
    """Times IG steps on the chosen architecture, resolution and batch."""
    net, classes = build(args.arch, args.bn, dev)
    params = list(net.parameters())
    gt = image(args.batch, args.resolution).to(dev)
    labels = labels_for(args.batch, classes).to(dev)
    target = observed_gradients(net, params, gt, labels)
    tnorm = sum(t.pow(2).sum() for t in target).sqrt()
    x = torch.randn(gt.shape).to(dev).requires_grad_(True)
    opt = torch.optim.Adam([x], lr=0.1)
    times = timed(lambda: ig_step(net, params, x, labels, target, tnorm, args.tv, opt), args.iters, dev)
    print(f"RESULT attack=ig model={args.arch} resolution={args.resolution} batch={args.batch} bn={args.bn} "
          f"iters={args.iters} {summary(times, args.warmup)} {tail(dev)}")


def run_dlg(args, dev):
    """Runs --iters L-BFGS steps of DLG (label known) and reports the time per evaluation, as gia_reference.py does."""
    net = ref.DlgLeNet(100)
    for p in net.parameters():
        p.data.uniform_(-0.5, 0.5)
    net.to(dev)
    params = list(net.parameters())
    gt = ref.synthetic_image(1).to(dev)
    y = torch.tensor([args.label], device=dev)
    target = observed_gradients(net, params, gt, y)
    x = torch.randn(gt.shape).to(dev).requires_grad_(True)
    opt = torch.optim.LBFGS([x], lr=1, max_iter=20, history_size=100, line_search_fn="strong_wolfe")
    evals = [0]

    def closure():
        evals[0] += 1
        opt.zero_grad()
        grads = torch.autograd.grad(F.cross_entropy(net(x), y), params, create_graph=True)
        d = sum(((g - t) ** 2).sum() for g, t in zip(grads, target))
        d.backward()
        return d

    sync(dev)
    t0 = time.perf_counter()
    for _ in range(args.iters):
        opt.step(closure)
    sync(dev)
    secs = time.perf_counter() - t0
    print(f"RESULT attack=dlg model=lenet-dlg iters={args.iters} evals={evals[0]} "
          f"psnr_db={ref.psnr(x.detach().cpu(), gt.cpu()):.2f} ms_per_eval={secs * 1000 / max(1, evals[0]):.3f} "
          f"{tail(dev)}")


def run_gi(args, dev):
    """Times GradInversion steps (no group term) with the BatchNorm inputs recorded by forward hooks."""
    net, classes = build("resnet18-cifar", args.bn, dev)
    params = list(net.parameters())
    gt = image(args.batch, 32).to(dev)
    labels = labels_for(args.batch, classes).to(dev)
    target = observed_gradients(net, params, gt, labels)
    # As BatchNormPrior.capture: the running statistics are copied once, after the client's gradient.
    layers = [m for m in net.modules() if isinstance(m, nn.BatchNorm2d)]
    running = [(m.running_mean.clone(), m.running_var.clone()) for m in layers]
    inputs = {}
    for m in layers:
        m.register_forward_hook(lambda module, inp, out: inputs.__setitem__(module, inp[0]))
    x = torch.randn(gt.shape).clamp(0, 1).to(dev).requires_grad_(True)
    opt = torch.optim.Adam([x], lr=args.lr)

    def step():
        grads = torch.autograd.grad(F.cross_entropy(net(x), labels), params, create_graph=True)
        distance = sum((g - t).pow(2).sum() for g, t in zip(grads, target))
        prior = args.tv / args.scale * total_variation(x)
        if args.l2 > 0:
            prior = prior + args.l2 / args.scale * l2_norm(x)
        if args.bn_weight > 0:
            r_bn = sum(l2_norm(inputs[m].mean((0, 2, 3)) - mean)
                       + l2_norm(inputs[m].var((0, 2, 3), unbiased=False) - var)
                       for m, (mean, var) in zip(layers, running))
            prior = prior + args.bn_weight / args.scale * r_bn
        x.grad, = torch.autograd.grad(distance + prior, [x])
        opt.step()
        with torch.no_grad():
            x.clamp_(0, 1)

    times = timed(step, args.iters, dev)
    print(f"RESULT attack=gi model=resnet18-cifar batch={args.batch} bn={args.bn} iters={args.iters} "
          f"{summary(times, args.warmup)} {tail(dev)}")


def functional_api():
    """(vmap, grad, functional_call) from torch.func, or from functorch on torch 1.13."""
    try:
        from torch.func import functional_call, grad, vmap
    except ImportError:
        from functorch import grad, vmap
        from torch.nn.utils.stateless import functional_call
    return vmap, grad, functional_call


def vmap_round_times(args, dev, net, labels, targets, starts):
    """Times rounds done as one vmapped IG step over the K trials (one Adam on the stacked images is K independent Adams)."""
    vmap, grad, functional_call = functional_api()
    params = {k: p.detach() for k, p in net.named_parameters()}
    buffers = dict(net.named_buffers())

    def trial_loss(x, y, target, tnorm):
        def ce(p):
            return F.cross_entropy(functional_call(net, {**p, **buffers}, (x,)), y)

        g = grad(ce)(params)
        dot = sum((g[k] * target[k]).sum() for k in g)
        gnorm = sum(g[k].pow(2).sum() for k in g).sqrt()
        return 1 - dot / (gnorm * tnorm) + args.tv * total_variation(x)

    names = list(params)
    stacked = {k: torch.stack([t[i] for t in targets]) for i, k in enumerate(names)}
    tnorms = torch.stack([sum(t.pow(2).sum() for t in ts).sqrt() for ts in targets])
    ys = torch.stack(labels)
    xs = starts.clone().to(dev).requires_grad_(True)
    opt = torch.optim.Adam([xs], lr=0.1)
    batched = vmap(grad(trial_loss))

    def round_():
        xs.grad = batched(xs.detach(), ys, stacked, tnorms).sign()
        opt.step()

    return timed(round_, args.iters, dev)


def run_sweep(args, dev):
    """Times rounds of K independent batch-1 IG trials, each trial one step per round, sequentially."""
    net, classes = build("resnet18-cifar", args.bn, dev)
    params = list(net.parameters())
    k = args.cells
    gts = [x.unsqueeze(0).to(dev) for x in image(k, 32)]
    labels = [labels_for(1, classes, first=i).to(dev) for i in range(k)]
    targets = [observed_gradients(net, params, gt, y) for gt, y in zip(gts, labels)]
    tnorms = [sum(t.pow(2).sum() for t in ts).sqrt() for ts in targets]
    starts = torch.randn(k, 1, 3, 32, 32)
    xs = [starts[i].clone().to(dev).requires_grad_(True) for i in range(k)]
    opts = [torch.optim.Adam([x], lr=0.1) for x in xs]

    def round_():
        for i in range(k):
            ig_step(net, params, xs[i], labels[i], targets[i], tnorms[i], args.tv, opts[i])

    times = timed(round_, args.iters, dev)
    line = (f"RESULT attack=sweep model=resnet18-cifar cells={k} batch=1 bn={args.bn} iters={args.iters} "
            f"{summary(times, args.warmup)}")
    if args.vmap:
        try:
            line += " " + summary(vmap_round_times(args, dev, net, labels, targets, starts), args.warmup, "vmap_")
        except Exception as e:  # any failure of the functional path is a result, not a crash
            print(f"vmap failed: {type(e).__name__}: {e}", file=sys.stderr)
            line += " vmap_median_ms=nan vmap_min_ms=nan"
    print(f"{line} {tail(dev)}")


def main():
    """Parses the sub-command and its options, seeds, sets the CPU threads and runs it."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--iters", type=int, default=15,
                        help="timed steps or rounds (dlg: L-BFGS steps, 20 evaluations each at most)")
    common.add_argument("--warmup", type=int, default=3, help="first timed steps left out of the median (not dlg)")
    common.add_argument("--seed", type=int, default=0)
    common.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    common.add_argument("--threads", type=int, default=2, help="torch CPU threads (set on --device cpu only)")
    common.add_argument("--tf32", choices=["on", "off"], default="off",
                        help="cuDNN convolutions in TF32 (PyTorch's default: on); the workbench runs them in float32 "
                             "unless -Dgia.tf32=on, and its bench passes its own setting")
    batchnorm = argparse.ArgumentParser(add_help=False)
    batchnorm.add_argument("--bn", choices=["train", "eval"], default="eval", help="BatchNorm mode")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="attack", required=True)
    ig = sub.add_parser("ig", parents=[common, batchnorm], help="one Inverting Gradients step")
    ig.add_argument("--arch", choices=list(ARCHS), default="resnet18-cifar")
    ig.add_argument("--resolution", type=int, default=32)
    ig.add_argument("--batch", type=int, default=1)
    ig.add_argument("--tv", type=float, default=0.01)
    dlg = sub.add_parser("dlg", parents=[common], help="DLG evaluations on the DLG LeNet")
    dlg.add_argument("--label", type=int, default=7)
    gi = sub.add_parser("gi", parents=[common, batchnorm], help="one GradInversion step")
    gi.add_argument("--batch", type=int, default=4)
    gi.add_argument("--tv", type=float, default=1e-4)
    gi.add_argument("--l2", type=float, default=1e-6)
    gi.add_argument("--bn-weight", type=float, default=0.1, help="weight a_bn of the BatchNorm-statistics prior")
    gi.add_argument("--scale", type=float, default=1e-4,
                    help="the priors are weighted by w / scale against the squared-L2 distance")
    gi.add_argument("--lr", type=float, default=0.1)
    sweep = sub.add_parser("sweep", parents=[common, batchnorm], help="rounds of K independent batch-1 IG trials")
    sweep.add_argument("--cells", type=int, default=16)
    sweep.add_argument("--tv", type=float, default=0.01)
    sweep.add_argument("--vmap", action="store_true", help="also time the round as one vmapped step")
    args = ap.parse_args()
    dev = torch.device(args.device)
    torch.manual_seed(args.seed)
    if dev.type == "cpu":
        torch.set_num_threads(args.threads)
    torch.backends.cudnn.allow_tf32 = args.tf32 == "on"
    {"ig": run_ig, "dlg": run_dlg, "gi": run_gi, "sweep": run_sweep}[args.attack](args, dev)


if __name__ == "__main__":
    main()
