"""Reference values for ImageResizerTest: Pillow bilinear resize (mode F) + torchvision Resize/CenterCrop sizes.
Run with Debian Python: /usr/bin/python3 src/test/resources/data/pillow_resize_reference.py"""
import numpy as np, PIL
from PIL import Image
print("Pillow", PIL.__version__)
def img(h, w):
    y, x = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    return (((x * 7 + y * 13) % 17).astype(np.float32) / np.float32(16))
def torch_like(a, s):
    h, w = a.shape
    if h <= w: nh, nw = s, int(s * w / h)
    else: nw, nh = s, int(s * h / w)
    r = np.asarray(Image.fromarray(a, mode="F").resize((nw, nh), Image.BILINEAR))
    top, left = int(round((nh - s) / 2.0)), int(round((nw - s) / 2.0))
    return r[top:top + s, left:left + s]
for (h, w, s) in [(13, 9, 5), (6, 4, 9), (40, 64, 16)]:
    out = torch_like(img(h, w), s)
    print(h, w, s, out.shape, "sum=%.7f" % out.astype(np.float64).sum(), "first=", ", ".join("%.7f" % v for v in out.ravel()[:6]))
