#!/usr/bin/env python3
"""Copies the bundled ImageNet and CelebA samples from ../shared/data into the project's resources.

ImageNet: every 4th of the 100 images of ../shared/data/imagenet-sample (25 images, 25 classes), the
shorter side brought to 256 pixels (Pillow, LANCZOS) and saved as JPEG quality 90, so that 224-pixel
experiments still have real pixels and the set stays small. The sample holds one image of every 10th
class of the 1,000 ImageNet classes in sorted-WordNet-id order, which is also the standard class index,
so the standard label of sample k (0-based, sorted by file name) is 10 * k; index.txt records it.

CelebA: 000001.jpg .. 000022.jpg from ../shared/data/celeba, copied byte for byte, with their CelebA
identity numbers (identity_CelebA.txt is not in ../shared; the 22 numbers are the first lines of that
file as quoted in public documentation of the dataset).

  /usr/bin/python3 tools/make_bundled_samples.py /work/shared/data src/main/resources/org/giaworkbench/data/bundled
"""
import os
import shutil
import sys

from PIL import Image

CELEBA_IDENTITIES = [2880, 2937, 8692, 5805, 9295, 4153, 9040, 6369, 3332, 612, 2807, 7779, 3785, 7081, 1854,
                     4905, 667, 2464, 2929, 2782, 181, 6642]


def main() -> None:
    shared, out = sys.argv[1], sys.argv[2]
    src = os.path.join(shared, "imagenet-sample")
    files = sorted(f for f in os.listdir(src) if f.endswith(".JPEG"))
    dst = os.path.join(out, "imagenet")
    os.makedirs(dst, exist_ok=True)
    lines = []
    for k, name in enumerate(files):
        if k % 4 != 0:
            continue
        img = Image.open(os.path.join(src, name)).convert("RGB")
        w, h = img.size
        s = 256 / min(w, h)
        img = img.resize((max(256, round(w * s)), max(256, round(h * s))), Image.LANCZOS)
        img.save(os.path.join(dst, name), quality=90)
        wnid, label_name = name[:-5].split("_", 1)
        lines.append(f"{name} {10 * k} {wnid} {label_name}")
    with open(os.path.join(dst, "index.txt"), "w") as f:
        f.write("# file standard-ImageNet-index wnid name (see tools/make_bundled_samples.py)\n")
        f.write("\n".join(lines) + "\n")

    cdst = os.path.join(out, "celeba", "img_align_celeba")
    os.makedirs(cdst, exist_ok=True)
    ident = []
    for i, identity in enumerate(CELEBA_IDENTITIES, start=1):
        name = f"{i:06d}.jpg"
        shutil.copyfile(os.path.join(shared, "celeba", name), os.path.join(cdst, name))
        ident.append(f"{name} {identity}")
    with open(os.path.join(out, "celeba", "identity_CelebA.txt"), "w") as f:
        f.write("\n".join(ident) + "\n")


if __name__ == "__main__":
    main()
