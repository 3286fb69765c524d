"""Compute the logits of a scratchnet model file with only json and numpy.

Usage: python3 scratchnet_logits.py MODEL.safetensors IMAGES.u8 COUNT

IMAGES.u8 contains COUNT images as raw bytes, one row of sizes[0] pixels each (0-255,
MNIST polarity). Prints the logits as a JSON list of COUNT rows.
"""

import json
import sys

import numpy as np

ACTIVATIONS = {
    "relu": lambda z: np.maximum(z, 0.0),
    "leaky-relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "tanh": np.tanh,
    "identity": lambda z: z,
}


def read_safetensors(path):
    """Return (tensors by name, metadata) from a safetensors file."""
    with open(path, "rb") as file:
        data = file.read()
    header_length = int(np.frombuffer(data[:8], dtype="<u8")[0])
    header = json.loads(data[8 : 8 + header_length].decode("utf-8"))
    body = data[8 + header_length :]
    metadata = header.pop("__metadata__", {})
    dtypes = {"F32": "<f4", "F64": "<f8", "I32": "<i4", "U32": "<u4", "U8": "u1"}
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        values = np.frombuffer(body[begin:end], dtype=dtypes[entry["dtype"]])
        tensors[name] = values.reshape(entry["shape"])
    return tensors, metadata


def main():
    model_path, images_path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    tensors, metadata = read_safetensors(model_path)
    description = json.loads(metadata["scratchnet"])
    architecture = description["architecture"]
    scale = description["preprocessing"]["pixelScale"]

    pixels = np.fromfile(images_path, dtype=np.uint8).reshape(count, architecture["sizes"][0])
    activations = pixels.astype(np.float64) * scale
    layer_count = len(architecture["sizes"]) - 1
    for layer in range(layer_count):
        # Dense layer 2l of the nn.Sequential: z = x W^T + b, with W stored [out, in].
        weights = tensors[f"{2 * layer}.weight"].astype(np.float64)
        biases = tensors[f"{2 * layer}.bias"].astype(np.float64)
        activations = activations @ weights.T + biases
        if layer < layer_count - 1:
            activations = ACTIVATIONS[architecture["activations"][layer]](activations)

    print(json.dumps(activations.tolist()))


if __name__ == "__main__":
    main()
