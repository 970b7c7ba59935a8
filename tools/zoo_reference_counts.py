#!/usr/bin/env python3
"""Prints the torchvision parameter counts (1,000 classes) that ModelZooTest checks.

Run with Debian's packages (apt-get install python3-torchvision): /usr/bin/python3 tools/zoo_reference_counts.py
Measured with torchvision 0.14.1 / torch 1.13.1. Only the architecture is built (no weights are downloaded).
"""
import torchvision.models as m

models = {
    "alexnet": m.alexnet(),
    "vgg11": m.vgg11(),
    "vgg16": m.vgg16(),
    "googlenet": m.googlenet(aux_logits=False, init_weights=False),
    "resnet18": m.resnet18(),
    "resnet50": m.resnet50(),
    "resnet101": m.resnet101(),
}
for name, net in models.items():
    print(name, sum(p.numel() for p in net.parameters()))

# With an output folder: also writes every model's state-dict keys (minus num_batches_tracked), one per line,
# for ModelZooTest's name check: /usr/bin/python3 tools/zoo_reference_counts.py src/test/resources/org/giaworkbench/model/torchvision-names
import os
import sys

if len(sys.argv) > 1:
    os.makedirs(sys.argv[1], exist_ok=True)
    for name, net in models.items():
        keys = [k for k in net.state_dict().keys() if not k.endswith("num_batches_tracked")]
        with open(os.path.join(sys.argv[1], name + ".txt"), "w") as f:
            f.write("\n".join(keys) + "\n")
