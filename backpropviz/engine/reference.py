"""A plain-NumPy implementation of the same maths as the kernels, written independently of them.

It is the tests' oracle and a row of the benchmark. It favours clarity over speed: whole-batch
matrix products, one function per idea. Shapes: X (B, n_in), T (B, n_out); weights[k] (n_out, n_in).
"""
from __future__ import annotations

import numpy as np

def activate(name: str, z: np.ndarray) -> np.ndarray:
    if name == "sigmoid":
        return 0.5 * (1.0 + np.tanh(0.5 * z))   # = 1 / (1 + e^-z), without overflow
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, z, 0.01 * z)
    if name == "linear":
        return z.copy()
    if name == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    raise ValueError(name)


def activation_backward(name: str, z: np.ndarray, a: np.ndarray, g: np.ndarray) -> np.ndarray:
    """dL/dz from dL/da."""
    if name == "sigmoid":
        return g * a * (1 - a)
    if name == "tanh":
        return g * (1 - a ** 2)
    if name == "relu":
        return g * (z > 0)
    if name == "leaky_relu":
        return g * np.where(z > 0, 1.0, 0.01)
    if name == "linear":
        return g
    if name == "softmax":
        return a * (g - (g * a).sum(axis=1, keepdims=True))
    raise ValueError(name)


def sample_losses(loss: str, out_act: str, z: np.ndarray, a: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Loss of each sample, shape (B,)."""
    n = a.shape[1]
    if loss == "mse":
        return ((a - t) ** 2).sum(axis=1) / n
    if loss == "half_sse":
        return 0.5 * ((a - t) ** 2).sum(axis=1)
    if loss == "bce":   # sigmoid output: log a = -log(1 + e^-z), log(1 - a) = -log(1 + e^z)
        return (t * np.logaddexp(0, -z) + (1 - t) * np.logaddexp(0, z)).sum(axis=1) / n
    if loss == "cross_entropy":   # softmax output: log a = z - logsumexp(z)
        zmax = z.max(axis=1, keepdims=True)
        log_a = z - zmax - np.log(np.exp(z - zmax).sum(axis=1, keepdims=True))
        return -(np.where(t != 0, t * log_a, 0.0)).sum(axis=1)
    raise ValueError(loss)


def output_delta(loss: str, out_act: str, z: np.ndarray, a: np.ndarray, t: np.ndarray) -> np.ndarray:
    n = a.shape[1]
    if loss == "bce":
        return (a - t) / n
    if loss == "cross_entropy":
        return a * t.sum(axis=1, keepdims=True) - t
    g = 2 * (a - t) / n if loss == "mse" else a - t
    return activation_backward(out_act, z, a, g)


def forward(weights, biases, acts, X, residual=None, bn=None, training=True):
    """Lists zs, as: one (B, n_k) array per layer. See ``backprop`` for residual and bn."""
    r = backprop_forward(weights, biases, acts, X, residual, bn, training)
    return r["z"], r["a"]


def batch_norm(z, gamma, beta, mean, var, eps):
    """xhat = (z - mean) / sqrt(var + eps), y = gamma xhat + beta, per column of z (B, n)."""
    xhat = (z - mean) / np.sqrt(var + eps)
    return xhat, gamma * xhat + beta


def backprop_forward(weights, biases, acts, X, residual=None, bn=None, training=True):
    """The forward pass with the remedies. residual: one bool per layer (a_k = f + a_{k-1});
    bn: one entry per layer, None or a dict with gamma, beta, running_mean, running_var, eps.
    training: batch-normalise with the batch's mean and biased variance, else the running ones.
    Returns a dict of per-layer lists: z, y (activation inputs), f (activation outputs), a,
    xhat, mean, var (None where a layer has no batch normalisation)."""
    L = len(weights)
    residual = residual or [False] * L
    bn = bn or [None] * L
    out = {key: [] for key in ("z", "y", "f", "a", "xhat", "mean", "var")}
    a = X
    for k in range(L):
        z = a @ weights[k].T + biases[k]
        xhat = mean = var = None
        y = z
        if bn[k] is not None:
            p = bn[k]
            if training:
                mean, var = z.mean(axis=0), z.var(axis=0)
            else:
                mean, var = p["running_mean"], p["running_var"]
            xhat, y = batch_norm(z, p["gamma"], p["beta"], mean, var, p["eps"])
        f = activate(acts[k], y)
        a = f + a if residual[k] else f
        for key, v in zip(out, (z, y, f, a, xhat, mean, var)):
            out[key].append(v)
    return out


def backprop(weights, biases, acts, loss, X, T, residual=None, bn=None, training=True):
    """Mean loss and every gradient of a batch, with the remedies (see backprop_forward).
    Returns a dict: loss, grad_weights, grad_bias, grad_gamma, grad_beta (batch means; None
    without BN), delta (dL/dz per sample, B times the mean's derivative), grad_a (the same for
    dL/da), and the forward pass's lists."""
    fw = backprop_forward(weights, biases, acts, X, residual, bn, training)
    B = X.shape[0]
    L = len(weights)
    residual = residual or [False] * L
    bn = bn or [None] * L
    zs, ys, fs, as_ = fw["z"], fw["y"], fw["f"], fw["a"]
    value = sample_losses(loss, acts[-1], zs[-1], as_[-1], T).mean()
    res = dict(fw, loss=value, grad_weights=[None] * L, grad_bias=[None] * L,
               grad_gamma=[None] * L, grad_beta=[None] * L, delta=[None] * L, grad_a=[None] * L)
    d = output_delta(loss, acts[-1], zs[-1], as_[-1], T)
    for k in range(L - 1, -1, -1):
        if k < L - 1:
            g = res["grad_a"][k]
            dy = activation_backward(acts[k], ys[k], fs[k], g)
            if bn[k] is not None:
                xhat, gamma = fw["xhat"][k], bn[k]["gamma"]
                res["grad_gamma"][k] = (dy * xhat).sum(axis=0) / B
                res["grad_beta"][k] = dy.sum(axis=0) / B
                std = np.sqrt(fw["var"][k] + bn[k]["eps"])
                dxhat = dy * gamma
                if training:   # mean and variance depend on every sample: Ioffe & Szegedy's eq.
                    d = (dxhat - dxhat.mean(axis=0) - xhat * (dxhat * xhat).mean(axis=0)) / std
                else:
                    d = dxhat / std
            else:
                d = dy
        res["delta"][k] = d
        a_prev = X if k == 0 else as_[k - 1]
        res["grad_weights"][k] = d.T @ a_prev / B
        res["grad_bias"][k] = d.sum(axis=0) / B
        if k > 0:
            g_prev = d @ weights[k]
            if residual[k]:
                g_prev = g_prev + res["grad_a"][k]
            res["grad_a"][k - 1] = g_prev
    return res


def gradients(weights, biases, acts, loss, X, T):
    """(mean loss, grad_weights list, grad_bias list, deltas list) for the batch."""
    zs, as_ = forward(weights, biases, acts, X)
    B = X.shape[0]
    L = len(weights)
    value = sample_losses(loss, acts[-1], zs[-1], as_[-1], T).mean()
    deltas = [None] * L
    gw, gb = [None] * L, [None] * L
    d = output_delta(loss, acts[-1], zs[-1], as_[-1], T)
    for k in range(L - 1, -1, -1):
        deltas[k] = d
        a_prev = X if k == 0 else as_[k - 1]
        gw[k] = d.T @ a_prev / B
        gb[k] = d.sum(axis=0) / B
        if k > 0:
            d = activation_backward(acts[k - 1], zs[k - 1], as_[k - 1], d @ weights[k])
    return value, gw, gb, deltas


def _normal(moment: np.ndarray) -> np.ndarray:
    """An optimiser moment with its subnormal entries stored as 0, as the kernels store them
    (see optim.py)."""
    return np.where(np.abs(moment) < np.finfo(np.float64).tiny, 0.0, moment)


class ReferenceTrainer:
    """Minibatch training with sgd / momentum / adam, L2 on weights and global-norm clipping,
    visiting samples in a given order: the same recipe as the kernels, in plain NumPy.
    residual, bn as in ``backprop`` (bn dicts also carry momentum; gamma and beta are trained,
    the running statistics follow each batch with the unbiased variance)."""

    def __init__(self, weights, biases, acts, loss, optimizer="sgd", lr=0.1, momentum=0.9,
                 beta1=0.9, beta2=0.999, eps=1e-8, l2=0.0, clip=0.0, train_biases=True,
                 residual=None, bn=None):
        self.W = [w.copy() for w in weights]
        self.b = [b.copy() for b in biases]
        self.acts, self.loss = list(acts), loss
        self.residual = residual
        self.bn = None if bn is None else [None if p is None else {k: np.array(v, dtype=float)
                                                                   for k, v in p.items()}
                                           for p in bn]
        self.opt, self.lr, self.mu = optimizer, lr, momentum
        self.b1, self.b2, self.eps, self.l2, self.clip = beta1, beta2, eps, l2, clip
        self.m = [np.zeros_like(p) for p in self._params()]
        self.v = [np.zeros_like(p) for p in self._params()]
        self.t = 0
        self.train_biases = train_biases

    def _params(self):
        bn = [p for p in (self.bn or []) if p is not None]
        return self.W + self.b + [p["gamma"] for p in bn] + [p["beta"] for p in bn]

    def step(self, X, T) -> float:
        r = backprop(self.W, self.b, self.acts, self.loss, X, T, self.residual, self.bn)
        has = [k for k, p in enumerate(self.bn or []) if p is not None]
        gw = r["grad_weights"]
        grads = (gw + r["grad_bias"] + [r["grad_gamma"][k] for k in has]
                 + [r["grad_beta"][k] for k in has])
        # frozen biases (and with them gamma and beta, which the kernels also leave
        # undecayed) have no gradient
        trained = grads if self.train_biases else gw
        norm = np.sqrt(sum((g ** 2).sum() for g in trained))
        if self.clip > 0 and norm > self.clip:
            grads = [g * (self.clip / norm) for g in grads]
        B = X.shape[0]
        for k in has:
            p = self.bn[k]
            m = p["momentum"]
            p["running_mean"] = (1 - m) * p["running_mean"] + m * r["mean"][k]
            p["running_var"] = (1 - m) * p["running_var"] + m * r["var"][k] * B / (B - 1)
        params = self._params()
        n_w = len(self.W)
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            if i >= n_w and not self.train_biases:
                continue
            if i < n_w:
                g = g + self.l2 * p
            if self.opt == "sgd":
                p -= self.lr * g
            elif self.opt == "momentum":
                self.m[i] = _normal(self.mu * self.m[i] + g)
                p -= self.lr * self.m[i]
            else:
                self.m[i] = _normal(self.b1 * self.m[i] + (1 - self.b1) * g)
                self.v[i] = _normal(self.b2 * self.v[i] + (1 - self.b2) * g * g)
                mhat = self.m[i] / (1 - self.b1 ** self.t)
                vhat = self.v[i] / (1 - self.b2 ** self.t)
                p -= self.lr * mhat / (np.sqrt(vhat) + self.eps)
        return r["loss"]

    def epoch(self, X, T, order, batch) -> list[float]:
        return [self.step(X[order[i:i + batch]], T[order[i:i + batch]])
                for i in range(0, len(order), batch)]
