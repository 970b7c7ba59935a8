#!/usr/bin/env python3
"""Writes the TorchScript module that GIA Workbench uses for every second-order gradient.

DJL has no public way to take a gradient of a gradient without leaking (see the project README,
"Second-order gradients"), so the one place that differentiates twice is this small scripted
module, called from Java with autograd on. It holds no tensors, so the file is a few KB and loads
in any libtorch >= 1.13.

Run once with Debian's PyTorch (apt-get install python3-torch):
  /usr/bin/python3 tools/make_grad_helper.py src/main/resources/org/giaworkbench/compute/autograd/grad_helper.pt
"""
import sys
from typing import List, Optional

import torch
from torch import Tensor

SQUARED_L2 = 0
COSINE = 1


class GradHelper(torch.nn.Module):

    def _grads(self, outputs: List[Tensor], inputs: List[Tensor], create_graph: bool) -> List[Tensor]:
        seeds: List[Optional[Tensor]] = []
        for o in outputs:
            seeds.append(torch.ones_like(o))
        found = torch.autograd.grad(outputs, inputs, grad_outputs=seeds, retain_graph=create_graph,
                                    create_graph=create_graph, allow_unused=True)
        result: List[Tensor] = []
        for i in range(len(inputs)):
            g = found[i]
            # An input the outputs do not depend on has a zero gradient, not a missing one.
            result.append(torch.zeros_like(inputs[i]) if g is None else g)
        return result

    @torch.jit.export
    def grad(self, outputs: List[Tensor], inputs: List[Tensor], create_graph: bool) -> List[Tensor]:
        """d(sum of outputs)/d(inputs); with create_graph the result can be differentiated again."""
        # DJL may call in with grad mode off; aten::set_grad_enabled is the form that scripts.
        torch.set_grad_enabled(True)
        return self._grads(outputs, inputs, create_graph)

    @torch.jit.export
    def match(self, loss: Tensor, params: List[Tensor], targets: List[Tensor], variables: List[Tensor],
              extra: Tensor, kind: int) -> List[Tensor]:
        """Gradient matching in one native call.

        Takes the training loss the client would compute, differentiates it with respect to the
        model parameters (keeping the graph), measures the distance to the observed gradients, adds
        `extra` (regularisers built by the caller on the variables), and differentiates the total
        with respect to the variables. Returns [total, distance, d total / d variable...], all
        detached.
        """
        torch.set_grad_enabled(True)
        grads = self._grads([loss], params, True)
        if kind == 0:  # SQUARED_L2
            distance = torch.zeros_like(loss)
            for i in range(len(grads)):
                distance = distance + (grads[i] - targets[i]).pow(2).sum()
        elif kind == 1:  # COSINE
            dot = torch.zeros_like(loss)
            gnorm = torch.zeros_like(loss)
            tnorm = torch.zeros_like(loss)
            for i in range(len(grads)):
                dot = dot + (grads[i] * targets[i]).sum()
                gnorm = gnorm + grads[i].pow(2).sum()
                tnorm = tnorm + targets[i].pow(2).sum()
            distance = 1 - dot / (gnorm.sqrt() * tnorm.sqrt())
        else:
            raise RuntimeError("unknown distance kind")
        total = distance + extra
        dvars = self._grads([total], variables, False)
        out: List[Tensor] = [total.detach(), distance.detach()]
        for d in dvars:
            out.append(d.detach())
        return out

    def forward(self, x: Tensor) -> Tensor:
        return x


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    torch.jit.script(GradHelper()).save(sys.argv[1])
    print("wrote", sys.argv[1], "with torch", torch.__version__)
