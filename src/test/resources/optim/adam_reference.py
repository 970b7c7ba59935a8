# Reference values for AdamTest. Run with Debian's PyTorch 1.13: /usr/bin/python3 adam_reference.py
import torch
a = torch.tensor([1.0, 10.0, 0.5, 3.0], dtype=torch.float32)
c = torch.tensor([0.5, -2.0, 4.0, 0.0], dtype=torch.float32)
x = torch.tensor([2.0, 1.0, -1.0, 0.25], dtype=torch.float32, requires_grad=True)
opt = torch.optim.Adam([x], lr=0.1)  # betas (0.9, 0.999), eps 1e-8
for step in range(1, 6):
    opt.zero_grad()
    loss = 0.5 * torch.sum(a * (x - c) ** 2)
    loss.backward()
    opt.step()
    print(step, ", ".join(f"{v!r}f" for v in x.detach().tolist()))
