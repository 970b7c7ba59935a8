# Reference values for LbfgsTest. Run with Debian's PyTorch 1.13: /usr/bin/python3 lbfgs_reference.py
import torch

def rosen(x):
    return torch.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)

def run(start, steps, **kw):
    x = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([x], **kw)
    def closure():
        opt.zero_grad()
        loss = rosen(x)
        loss.backward()
        return loss
    for s in range(1, steps + 1):
        loss = opt.step(closure)
        st = opt.state[x]
        print(f"step {s}: returned loss {float(loss)!r} func_evals {st['func_evals']} n_iter {st['n_iter']}")
        print("  x =", ", ".join(repr(v) for v in x.detach().tolist()))

wolfe = dict(lr=1, max_iter=20, history_size=100, line_search_fn="strong_wolfe")
print("== 2-D Rosenbrock from (-1.5, 2), strong Wolfe")
run([-1.5, 2.0], 4, **wolfe)
print("== 10-D Rosenbrock from (-1, ..., -1), strong Wolfe")
run([-1.0] * 10, 5, **wolfe)
print("== 10-D Rosenbrock from (0, ..., 0), strong Wolfe")
run([0.0] * 10, 4, **wolfe)
print("== 10-D Rosenbrock from (-1, ..., -1), strong Wolfe, history_size 3")
run([-1.0] * 10, 2, lr=1, max_iter=20, history_size=3, line_search_fn="strong_wolfe")
print("== 2-D Rosenbrock from (-1.5, 2), no line search, lr 0.1")
run([-1.5, 2.0], 2, lr=0.1, max_iter=20, history_size=100)
print("== 10-D Rosenbrock from (0, ..., 0), no line search, lr 0.1")
run([0.0] * 10, 2, lr=0.1, max_iter=20, history_size=100)
