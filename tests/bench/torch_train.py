#!/usr/bin/env python3
"""PyTorch side of `digitlock bench train`: one epoch of the same architecture, batch size, optimizer and
thread count as the C# trainer, on the MNIST training set, no augmentation. Prints one JSON line:
{"seconds": wall, "cpu_seconds": process CPU, "samples": n, "loss": mean train loss, "torch": version}.
The architecture comes as the C# layer spec, e.g. "conv 8 3x3 s1 valid relu | maxpool 2x2 s2 | ... | dense 10 linear"."""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn as nn


def read_idx(path, dims):
    with open(path, "rb") as f:
        data = f.read()
    if data[2] != 8 or data[3] != dims:
        sys.exit(f"{path}: not an idx file of {dims}-d unsigned bytes")
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def same_padding(size, kernel, stride):
    out = (size + stride - 1) // stride
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def build(spec):
    """Layers in NCHW; flatten permutes to NHWC first so the dense weights mean what they mean in C#."""
    layers, channels, size = [], 1, 28
    for text in [t.strip() for t in spec.split("|") if t.strip()]:
        w = text.split()
        kernel = next((int(x.split("x")[0]) for x in w[1:] if "x" in x), None)
        stride = next((int(x[1:]) for x in w[1:] if x.startswith("s") and x[1:].isdigit()), None)
        nums = [int(x) for x in w[1:] if x.isdigit()]
        act = {"relu": nn.ReLU(), "relu6": nn.ReLU6()}.get(w[-1])
        if w[0] in ("conv", "dwconv"):
            stride = stride or 1
            out = nums[0] if w[0] == "conv" else channels
            if "same" in w:
                before, after = same_padding(size, kernel, stride)
                layers.append(nn.ZeroPad2d((before, after, before, after)))
                size = (size + stride - 1) // stride
            else:
                size = (size - kernel) // stride + 1
            groups = 1 if w[0] == "conv" else channels
            layers.append(nn.Conv2d(channels, out, kernel, stride, groups=groups))
            channels = out
        elif w[0] in ("maxpool", "avgpool"):
            kernel = kernel or nums[0]
            stride = stride or kernel
            layers.append(nn.MaxPool2d(kernel, stride) if w[0] == "maxpool" else nn.AvgPool2d(kernel, stride))
            size = (size - kernel) // stride + 1
        elif w[0] == "flatten":
            layers.append(Nhwc())
            layers.append(nn.Flatten())
            channels, size = channels * size * size, 1
        elif w[0] == "dense":
            layers.append(nn.Linear(channels, nums[0]))
            channels = nums[0]
        else:
            sys.exit(f"unknown layer {text}")
        if act is not None:
            layers.append(act)
    return nn.Sequential(*layers)


class Nhwc(nn.Module):
    def forward(self, x):
        return x.permute(0, 2, 3, 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mnist", required=True)
    parser.add_argument("--arch", required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    images = read_idx(os.path.join(args.mnist, "train-images-idx3-ubyte"), 3)
    labels = read_idx(os.path.join(args.mnist, "train-labels-idx1-ubyte"), 1)
    if args.limit:
        images, labels = images[:args.limit], labels[:args.limit]
    x = (images.float() / 255.0).unsqueeze(1)
    y = labels.long()
    model = build(args.arch)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(len(x))

    wall, cpu = time.perf_counter(), time.process_time()
    total = 0.0
    for start in range(0, len(x), args.batch):
        idx = order[start:start + args.batch]
        optimizer.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(json.dumps({"seconds": wall, "cpu_seconds": cpu, "samples": len(x), "loss": total / len(x),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
