r"""Gradient-descent optimisers that update a list of parameter arrays in place.

Both follow PyTorch's documented update rules (``torch.optim.SGD`` with ``dampening=0``,
``nesterov=False``; ``torch.optim.Adam``, which is Kingma & Ba 2015, Algorithm 1), so a
learner can compare numbers with a framework. Each optimiser keeps its state (velocities,
moment estimates) in arrays it creates with :meth:`init`, and :meth:`step` takes the step
number :math:`t` (1 for the first step) explicitly, so a run can be paused and resumed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["OPTIMIZERS", "SGD", "Adam"]

#: The optimisers by name.
OPTIMIZERS = ("sgd", "adam")


def _positive(value: float, name: str) -> None:
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be finite and > 0, got {value!r}")


def _decay(value: float, name: str) -> None:
    if not 0 <= value < 1:  # also rejects NaN
        raise ValueError(f"{name} must lie in [0, 1), got {value!r}")


@dataclass(frozen=True)
class SGD:
    r"""Stochastic gradient descent with (heavy-ball) momentum.

    .. math:: v_t = \mu\, v_{t-1} + g_t, \qquad \theta_t = \theta_{t-1} - \eta\, v_t

    with :math:`v_0 = 0`. :math:`\mu = 0` is plain gradient descent.

    Attributes
    ----------
    learning_rate : float
        :math:`\eta > 0`.
    momentum : float
        :math:`\mu \in [0, 1)`.

    Examples
    --------
    >>> theta = [np.array([1.0])]
    >>> opt = SGD(learning_rate=0.1, momentum=0.9)
    >>> state = opt.init(theta)
    >>> for t in (1, 2):
    ...     opt.step(theta, [theta[0].copy()], state, t)  # minimise θ²/2: g = θ
    >>> [round(float(v), 10) for v in theta[0]]  # 1 - 0.1, then 0.9 - 0.1 (0.9 + 0.9)
    [0.72]
    """

    learning_rate: float
    momentum: float = 0.0

    def __post_init__(self) -> None:
        _positive(self.learning_rate, "learning_rate")
        _decay(self.momentum, "momentum")

    def init(self, params: Sequence[NDArray]) -> list[NDArray[np.float64]]:
        """The velocities, zero, one per parameter array."""
        return [np.zeros_like(p, dtype=np.float64) for p in params]

    def step(
        self,
        params: Sequence[NDArray],
        grads: Sequence[NDArray],
        state: Sequence[NDArray],
        t: int,
    ) -> None:
        """Update ``params`` and ``state`` in place with the gradients of step ``t``."""
        for p, g, v in zip(params, grads, state, strict=True):
            if self.momentum:
                v *= self.momentum
                v += g
                p -= self.learning_rate * v
            else:
                p -= self.learning_rate * g


@dataclass(frozen=True)
class Adam:
    r"""Adam: steps scaled by running estimates of the gradient's first two moments.

    .. math::

        m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \qquad
        v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2 \\
        \hat m_t &= m_t / (1 - \beta_1^t), \qquad \hat v_t = v_t / (1 - \beta_2^t) \\
        \theta_t &= \theta_{t-1} - \eta\, \hat m_t / (\sqrt{\hat v_t} + \epsilon)

    Attributes
    ----------
    learning_rate : float
        :math:`\eta > 0` (Keras's and PyTorch's default is 0.001).
    beta1, beta2 : float
        Decay rates of the moment estimates, in [0, 1).
    eps : float
        :math:`\epsilon \ge 0`, added to :math:`\sqrt{\hat v_t}` (PyTorch's placement).

    Examples
    --------
    >>> theta = [np.array([1.0])]
    >>> opt = Adam(learning_rate=0.1)
    >>> state = opt.init(theta)
    >>> opt.step(theta, [np.array([0.5])], state, 1)
    >>> float(theta[0][0])  # the first step is η·g/(|g| + ε): almost exactly η
    0.900000002
    """

    learning_rate: float = 0.001
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8

    def __post_init__(self) -> None:
        _positive(self.learning_rate, "learning_rate")
        _decay(self.beta1, "beta1")
        _decay(self.beta2, "beta2")
        if not (np.isfinite(self.eps) and self.eps >= 0):
            raise ValueError(f"eps must be finite and >= 0, got {self.eps!r}")

    def init(self, params: Sequence[NDArray]) -> list[NDArray[np.float64]]:
        """The moment estimates, zero: ``[m_1, ..., m_P, v_1, ..., v_P]``."""
        return [np.zeros_like(p, dtype=np.float64) for p in (*params, *params)]

    def step(
        self,
        params: Sequence[NDArray],
        grads: Sequence[NDArray],
        state: Sequence[NDArray],
        t: int,
    ) -> None:
        """Update ``params`` and ``state`` in place with the gradients of step ``t`` ≥ 1."""
        if t < 1:
            raise ValueError(f"t must be at least 1 (the first step), got {t!r}")
        n = len(params)
        first = 1.0 - self.beta1**t
        second = 1.0 - self.beta2**t
        for p, g, m, v in zip(params, grads, state[:n], state[n:], strict=True):
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * (g * g)
            p -= self.learning_rate * (m / first) / (np.sqrt(v / second) + self.eps)
