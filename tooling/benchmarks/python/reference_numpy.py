"""NumPy float32 baselines for the scratchnet benchmarks.

reference: the 784-10-10 ReLU network trained by full-batch gradient descent (learning rate
0.1, weights and biases uniform in [-0.5, 0.5]) with softmax cross-entropy; the row maximum is
subtracted before exp and each bias gradient is summed per unit over the batch.
adam: one epoch of a 784-128-10 ReLU network with Adam (learning rate 1e-3) and batches of 128.

Every matrix product goes through NumPy (OpenBLAS on this machine). The script prints one
JSON object with the seconds per run of each measured job and, when threadpoolctl is
installed, the BLAS library and kernel it reports.

Usage: python3 reference_numpy.py MNIST_DIRECTORY [--iterations N] [--runs R] [--jobs reference,adam]
"""

import argparse
import json
import os
import time

import numpy as np


def read_idx(path, offset):
    with open(path, "rb") as handle:
        return np.frombuffer(handle.read(), dtype=np.uint8, offset=offset)


def load_mnist(directory):
    images = read_idx(os.path.join(directory, "train-images-idx3-ubyte"), 16).reshape(60000, 784)
    labels = read_idx(os.path.join(directory, "train-labels-idx1-ubyte"), 8).astype(np.int64)
    test_images = read_idx(os.path.join(directory, "t10k-images-idx3-ubyte"), 16).reshape(10000, 784)
    test_labels = read_idx(os.path.join(directory, "t10k-labels-idx1-ubyte"), 8).astype(np.int64)
    scale = np.float32(1.0 / 255.0)
    return (images.astype(np.float32) * scale, labels, test_images.astype(np.float32) * scale, test_labels)


def forward_backward(x, labels, layers):
    """Returns the summed loss, the correct count and the mean gradients of a ReLU MLP."""
    activations = [x]
    for index, (weights, biases) in enumerate(layers):
        z = activations[-1] @ weights.T + biases
        activations.append(np.maximum(z, 0) if index < len(layers) - 1 else z)
    logits = activations[-1]
    shifted = logits - logits.max(axis=1, keepdims=True)
    exponentials = np.exp(shifted)
    sums = exponentials.sum(axis=1, keepdims=True)
    rows = np.arange(x.shape[0])
    loss_sum = float(np.sum(np.log(sums[:, 0]) - shifted[rows, labels], dtype=np.float64))
    correct = int(np.count_nonzero(logits.argmax(axis=1) == labels))

    dz = exponentials / sums
    dz[rows, labels] -= 1
    dz *= np.float32(1.0 / x.shape[0])
    gradients = []
    for index in range(len(layers) - 1, -1, -1):
        weights = layers[index][0]
        gradients.append((dz.T @ activations[index], dz.sum(axis=0)))
        if index > 0:
            dz = (dz @ weights) * (activations[index] > 0)
    gradients.reverse()
    return loss_sum, correct, gradients


def accuracy(x, labels, layers):
    activations = x
    for index, (weights, biases) in enumerate(layers):
        activations = activations @ weights.T + biases
        if index < len(layers) - 1:
            activations = np.maximum(activations, 0)
    return float(np.mean(activations.argmax(axis=1) == labels))


def train_reference(x, labels, iterations, seed):
    rng = np.random.default_rng(seed)
    layers = [
        (rng.uniform(-0.5, 0.5, (10, 784)).astype(np.float32), rng.uniform(-0.5, 0.5, 10).astype(np.float32)),
        (rng.uniform(-0.5, 0.5, (10, 10)).astype(np.float32), rng.uniform(-0.5, 0.5, 10).astype(np.float32)),
    ]
    learning_rate = np.float32(0.1)
    for _ in range(iterations):
        _, _, gradients = forward_backward(x, labels, layers)
        for (weights, biases), (d_weights, d_biases) in zip(layers, gradients):
            weights -= learning_rate * d_weights
            biases -= learning_rate * d_biases
    return layers


def train_adam_epoch(x, labels, seed, batch_size=128):
    rng = np.random.default_rng(seed)
    layers = []
    for inputs, outputs in ((784, 128), (128, 10)):
        limit = np.sqrt(6.0 / inputs)  # He uniform
        layers.append((rng.uniform(-limit, limit, (outputs, inputs)).astype(np.float32), np.zeros(outputs, np.float32)))
    moments = [[np.zeros_like(p) for p in layer] for layer in layers]
    velocities = [[np.zeros_like(p) for p in layer] for layer in layers]
    learning_rate, beta1, beta2, epsilon = np.float32(1e-3), np.float32(0.9), np.float32(0.999), np.float32(1e-8)
    order = rng.permutation(x.shape[0])
    step = 0
    for start in range(0, x.shape[0], batch_size):
        batch = order[start:start + batch_size]
        _, _, gradients = forward_backward(x[batch], labels[batch], layers)
        step += 1
        correction1 = np.float32(1 - beta1 ** step)
        correction2 = np.float32(1 - beta2 ** step)
        for layer_index, layer in enumerate(layers):
            for slot, (parameter, gradient) in enumerate(zip(layer, gradients[layer_index])):
                m = moments[layer_index][slot]
                v = velocities[layer_index][slot]
                m *= beta1
                m += (1 - beta1) * gradient
                v *= beta2
                v += (1 - beta2) * gradient * gradient
                parameter -= learning_rate * (m / correction1) / (np.sqrt(v / correction2) + epsilon)
    return layers


def blas_kernel():
    """Returns the BLAS kernel NumPy runs, from threadpoolctl or else from OpenBLAS itself."""
    try:
        from threadpoolctl import threadpool_info

        found = [
            {key: info.get(key) for key in ("internal_api", "version", "architecture", "num_threads")}
            for info in threadpool_info()
            if info.get("user_api") == "blas"
        ]
        if found:
            return found
    except ImportError:
        pass
    # Older threadpoolctl releases do not recognise the scipy-openblas build that NumPy wheels
    # ship, so ask the loaded library for its core name directly.
    import ctypes

    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line and line.rstrip().endswith(".so")})
    for path in paths:
        library = ctypes.CDLL(path)
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                corename = getattr(library, f"{prefix}get_corename{suffix}", None)
                threads = getattr(library, f"{prefix}get_num_threads{suffix}", None)
                if corename is not None:
                    corename.restype = ctypes.c_char_p
                    return [{"internal_api": "openblas", "library": os.path.basename(path), "architecture": corename().decode(), "num_threads": threads() if threads else None}]
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mnist_directory")
    parser.add_argument("--iterations", type=int, default=500, help="full-batch iterations of the reference job")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each job")
    parser.add_argument("--jobs", default="reference,adam", help="comma-separated jobs: reference, adam")
    arguments = parser.parse_args()

    x, labels, test_x, test_labels = load_mnist(arguments.mnist_directory)
    result = {"numpy": np.__version__, "blas": blas_kernel(), "jobs": {}}
    jobs = arguments.jobs.split(",")
    if "reference" in jobs:
        seconds = []
        for run in range(arguments.runs):
            started = time.perf_counter()
            layers = train_reference(x, labels, arguments.iterations, run)
            seconds.append(time.perf_counter() - started)
        result["jobs"]["reference"] = {
            "iterations": arguments.iterations,
            "seconds": seconds,
            "testAccuracy": accuracy(test_x, test_labels, layers),
        }
    if "adam" in jobs:
        seconds = []
        for run in range(arguments.runs):
            started = time.perf_counter()
            layers = train_adam_epoch(x, labels, run)
            seconds.append(time.perf_counter() - started)
        result["jobs"]["adam"] = {"seconds": seconds, "testAccuracy": accuracy(test_x, test_labels, layers)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
