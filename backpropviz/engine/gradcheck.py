"""Compare backprop's gradient with central finite differences, parameter by parameter."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import kernels
from .network import Network


@dataclass
class GradCheck:
    worst_relative: float        # max over parameters of |bp - fd| / max(|bp| + |fd|, floor)
    worst_index: int             # flat index of that parameter
    worst_layer: int             # its layer (1-based)
    kink_distance: float         # smallest |z| of a relu / leaky_relu unit over the batch (inf if none)
    backprop: np.ndarray         # flat gradient from backprop
    numeric: np.ndarray          # flat gradient from finite differences

    def to_dict(self) -> dict:
        return {"worst_relative_difference": self.worst_relative,
                "worst_parameter": self.worst_index, "worst_layer": self.worst_layer,
                "relu_kink_distance": None if np.isinf(self.kink_distance) else self.kink_distance,
                "parameters": int(self.backprop.size)}


def gradcheck(net: Network, X: Any, T: Any, h: float = 1e-4, floor: float = 1e-5,
              training: bool | None = None) -> GradCheck:
    """Central finite differences for every parameter of ``net`` on the batch X, T, against
    ``net.gradients``. ``net.params`` is left exactly as it was.

    The fourth-order central stencil (L(p-2h) - 8 L(p-h) + 8 L(p+h) - L(p+2h)) / 12h has
    truncation error O(h^4) (~1e-16 at h = 1e-4) and round-off ~eps |L| / h (~1e-12), so even
    gradients of 1e-7 are checked to several digits; the plain two-point difference at its best
    step size is only good to ~1e-10 absolute. ``floor`` keeps gradients that are zero or
    below round-off from counting as large relative differences. Finite differences are not
    valid where a ReLU unit's z lies within 2h of its kink at 0; ``kink_distance`` says how close
    the nearest one is. ``training`` as in ``Network.trace``: batch normalisation uses the
    batch's statistics for a batch, the running ones for one sample (None), or as told."""
    X = net.check_inputs(X)
    T = net._check_targets(T, X.shape[0])
    if training is None:
        training = X.shape[0] > 1
    _, bp = net.gradients(X, T, training)
    numeric = np.empty_like(bp)
    p = net.params
    for i in range(p.size):
        keep = p[i]
        f = []
        for step in (-2 * h, -h, h, 2 * h):
            p[i] = keep + step
            f.append(net.loss_value(X, T, training))
        p[i] = keep
        numeric[i] = (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * h)
    rel = np.abs(bp - numeric) / np.maximum(np.abs(bp) + np.abs(numeric), floor)
    worst = int(np.argmax(rel))
    layer = int(np.searchsorted(net.layout.w_off, worst, side="right"))
    kink = np.inf
    ws = net.run_forward(X, X.shape[0], training)   # the activations' inputs, unperturbed
    for k, act in enumerate(net.activations):
        if act in ("relu", "leaky_relu"):
            pre = ws.ext[kernels.EXT_Y] if net.batch_norm[k] else ws.z
            kink = min(kink, float(np.abs(net.layer_block(pre, k, X.shape[0])).min()))
    return GradCheck(float(rel[worst]), worst, layer, kink, bp, numeric)
