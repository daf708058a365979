"""Realistic synthetic submissions for demonstrations, training and benchmarks."""

from gcm_collect.demo.generate import generate

__all__ = ["generate"]
