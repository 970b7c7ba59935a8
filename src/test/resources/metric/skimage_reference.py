"""Regenerates the reference numbers hard-coded in SsimPsnrReferenceTest.java.

Run with Debian's Python and scikit-image (apt-get install python3-skimage; /usr/bin/python3):
    /usr/bin/python3 src/test/resources/metric/skimage_reference.py
The images are built in float32 with the same integer formulas and float32 operations as the Java
test, then cast to float64 for scikit-image so that it computes in double precision, like the Java code.
"""
import numpy as np
import skimage
from skimage.metrics import structural_similarity, peak_signal_noise_ratio

F = np.float32


def lcg_bytes(seed, n):
    out = np.empty(n, dtype=np.int64)
    s = seed
    for k in range(n):
        s = (s * 1103515245 + 12345) & 0x7FFFFFFF
        out[k] = (s >> 16) & 0xFF
    return out


def noise(seed, c, h, w):  # in [-0.5, 0.5]
    return (lcg_bytes(seed, c * h * w).astype(F) / F(255) - F(0.5)).reshape(c, h, w)


def uniform(seed, c, h, w):  # in [0, 1]
    return (lcg_bytes(seed, c * h * w).astype(F) / F(255)).reshape(c, h, w)


def grid(c, h, w):
    return np.meshgrid(np.arange(c), np.arange(h), np.arange(w), indexing="ij")


def tri(c, h, w):  # triangle wave in [0.1, 0.9]
    cc, yy, xx = grid(c, h, w)
    t = np.abs((3 * xx + 5 * yy + 11 * cc) % 64 - 32).astype(F) / F(32)
    return F(0.8) * t + F(0.1)


def tri2(c, h, w):  # another triangle wave in [0, 1]
    cc, yy, xx = grid(c, h, w)
    return np.abs((2 * xx + 7 * yy + 3 * cc + 9) % 50 - 25).astype(F) / F(25)


def pairs():
    t1 = tri(3, 32, 32)
    r1 = np.clip(t1 + F(0.2) * noise(1, 3, 32, 32), F(0), F(1))
    t2 = tri(3, 48, 40)
    r2 = np.clip(F(0.7) * tri2(3, 48, 40) + F(0.15) + F(0.1) * noise(7, 3, 48, 40), F(0), F(1))
    t3 = uniform(42, 1, 24, 24)
    r3 = F(0.5) * t3 + F(0.25)
    return [(t1, r1), (t2, r2), (t3, r3)]


print("scikit-image", skimage.__version__, "numpy", np.__version__)
for k, (t, r) in enumerate(pairs(), 1):
    assert t.dtype == np.float32 and r.dtype == np.float32
    a, b = t.astype(np.float64), r.astype(np.float64)
    ssim = structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                                 data_range=1.0, channel_axis=0)
    psnr = peak_signal_noise_ratio(a, b, data_range=1.0)
    print("pair %d: sum(truth)=%.10f sum(recon)=%.10f ssim=%.12f psnr=%.10f" % (k, a.sum(), b.sum(), ssim, psnr))

# Check that scikit-image's reflect-padded filtering, after its crop of 5 pixels a side, equals
# 'valid' filtering: an independent valid-mode SSIM (separable Gaussian, no padding) must agree.
def ssim_valid(a, b):
    x = np.arange(11) - 5
    g = np.exp(-x * x / (2 * 1.5 ** 2))
    g /= g.sum()

    def filt(im):  # valid 2-D correlation with the separable window
        rows = np.stack([np.convolve(r, g[::-1], mode="valid") for r in im])
        return np.stack([np.convolve(c, g[::-1], mode="valid") for c in rows.T]).T

    vals = []
    for ch in range(a.shape[0]):
        x_, y_ = a[ch], b[ch]
        mx, my = filt(x_), filt(y_)
        vx, vy, cxy = filt(x_ * x_) - mx * mx, filt(y_ * y_) - my * my, filt(x_ * y_) - mx * my
        c1, c2 = 0.01 ** 2, 0.03 ** 2
        s = ((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
        vals.append(s.mean())
    return float(np.mean(vals))


for k, (t, r) in enumerate(pairs(), 1):
    a, b = t.astype(np.float64), r.astype(np.float64)
    ref = structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                                data_range=1.0, channel_axis=0)
    print("pair %d: valid-filter ssim=%.12f, |diff to skimage|=%.2e" % (k, ssim_valid(a, b), abs(ssim_valid(a, b) - ref)))
