// Tensor names of the PyTorch nn.Sequential equivalent of a scratchnet network:
// Linear modules at the even indices, activation modules at the odd ones, so dense
// layer l is module 2l and its tensors are "2l.weight" [out, in] and "2l.bias" [out].

/** Name of dense layer `layerIndex`'s weights, shape [out, in]. */
export function weightTensorName(layerIndex: number): string {
  return `${2 * layerIndex}.weight`;
}

/** Name of dense layer `layerIndex`'s biases, shape [out]. */
export function biasTensorName(layerIndex: number): string {
  return `${2 * layerIndex}.bias`;
}

/** Name and shape of each parameter tensor of a network with these `sizes`, in file order. */
export function parameterTensors(sizes: readonly number[]): { name: string; shape: number[] }[] {
  const tensors: { name: string; shape: number[] }[] = [];
  for (let layer = 0; layer + 1 < sizes.length; layer++) {
    tensors.push({ name: weightTensorName(layer), shape: [sizes[layer + 1], sizes[layer]] });
    tensors.push({ name: biasTensorName(layer), shape: [sizes[layer + 1]] });
  }
  return tensors;
}
