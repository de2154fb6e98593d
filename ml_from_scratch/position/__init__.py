"""Position encodings: sinusoidal, learned, rotary (RoPE), ALiBi and T5's relative buckets.

* :mod:`.sinusoidal`: the fixed sine table of "Attention Is All You Need", and a learned table.
* :mod:`.rotary`: rotary position embedding (RoFormer), both pairings, partial, 2-D.
* :mod:`.alibi`: ALiBi's head slopes and linear distance biases.
* :mod:`.relative`: T5's logarithmic relative-position buckets and the learned bias.
"""

from ml_from_scratch.position.alibi import alibi_bias, alibi_slopes
from ml_from_scratch.position.relative import (
    RelativePositionBias,
    relative_positions,
    t5_relative_position_bucket,
)
from ml_from_scratch.position.rotary import RotaryEmbedding, apply_rotary, rope_2d, rotary_cos_sin
from ml_from_scratch.position.sinusoidal import LearnedPositionEmbedding, sinusoidal_encoding

__all__ = [
    "LearnedPositionEmbedding",
    "RelativePositionBias",
    "RotaryEmbedding",
    "alibi_bias",
    "alibi_slopes",
    "apply_rotary",
    "relative_positions",
    "rope_2d",
    "rotary_cos_sin",
    "sinusoidal_encoding",
    "t5_relative_position_bucket",
]
