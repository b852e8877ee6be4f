"""A batch-normalised residual network trained here and in PyTorch (float64) from the same
weights on the same minibatches agrees to 1e-9: losses, weights, gamma, beta, running stats."""
import numpy as np
import pytest

from backpropviz.bench import torch_model
from backpropviz.engine import Network, OptimizerConfig
from backpropviz.engine.train import Trainer

torch = pytest.importorskip("torch", reason="PyTorch is not installed (make bench installs it)")


@pytest.mark.parametrize("optimizer,hidden", [("adam", "relu"), ("momentum", "tanh"),
                                              ("sgd", "sigmoid")])
def test_bn_residual_training_matches_pytorch_float64(optimizer, hidden):
    rng = np.random.default_rng(7)
    net = Network.build([6, 8, 8, 8, 3], [hidden] * 3 + ["softmax"], "cross_entropy", seed=7,
                        residual=True, batch_norm=[True, False, True, False])
    assert net.residual == [False, True, True, False]
    X = rng.normal(size=(70, 6))
    T = np.eye(3)[rng.integers(0, 3, 70)]
    model = torch_model(net)
    lr = 0.01 if optimizer == "adam" else 0.1
    trainer = Trainer(net, X, T, OptimizerConfig(optimizer, lr=lr), batch=16, seed=3)
    opt = {"adam": lambda p: torch.optim.Adam(p, lr=lr),
           "momentum": lambda p: torch.optim.SGD(p, lr=lr, momentum=0.9),
           "sgd": lambda p: torch.optim.SGD(p, lr=lr)}[optimizer](model.parameters())
    loss_fn = torch.nn.CrossEntropyLoss()
    Xt, yt = torch.from_numpy(X), torch.from_numpy(T.argmax(axis=1))
    for epoch in range(4):
        order = torch.from_numpy(trainer._order.copy())
        ours = trainer.run_epochs(1).losses
        theirs = []
        for lo in range(0, 70, 16):
            idx = order[lo:lo + 16]
            opt.zero_grad()
            loss = loss_fn(model(Xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            theirs.append(loss.item())
        np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)
    linears = [m for m in model.modules() if isinstance(m, torch.nn.Linear)]
    bns = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm1d)]
    for k, lin in enumerate(linears):
        np.testing.assert_allclose(net.weights[k], lin.weight.detach().numpy(), rtol=1e-9, atol=1e-12)
    for k, bn in zip(net.bn_layers, bns):
        np.testing.assert_allclose(net.gamma[k], bn.weight.detach().numpy(), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(net.beta[k], bn.bias.detach().numpy(), rtol=1e-9, atol=1e-12)
        # the bias before a normalisation cancels; Adam turns its rounding-level gradient into
        # steps of ~1e-10 that the running mean sees (see test_remedies)
        np.testing.assert_allclose(net.running_mean[k], bn.running_mean.numpy(), rtol=1e-9,
                                   atol=1e-8 if optimizer == "adam" else 1e-12)
        np.testing.assert_allclose(net.running_var[k], bn.running_var.numpy(), rtol=1e-9)
    model.eval()
    with torch.no_grad():
        probs = torch.softmax(model(Xt), dim=1).numpy()
    np.testing.assert_allclose(net.forward(X), probs, rtol=1e-7, atol=1e-9)
