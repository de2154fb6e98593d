"""Attention and position encodings, written with torch tensor ops."""

from workbook.compare import BY_VALUE
from workbook.exercise import Exercise

_ATTENTION = "benchmarks/ml_from_scratch/bench_attention.py"
_POSITION = "benchmarks/ml_from_scratch/bench_position.py"
_TENSORS = ("import torch", "from torch import Tensor")
_MODULES = ("import torch", "from torch import Tensor, nn")
_FLOATS = BY_VALUE.within(rel=1e-5, abs=1e-6)  # float32 sums in another order
_NO_ORACLE = """
Write it with torch tensor operations; torch.nn.functional.scaled_dot_product_attention
and torch.nn.MultiheadAttention are what the tests compare you with, so do not call them.
The result must be differentiable: the tests compare gradients with torch's too.
"""

EXERCISES = [
    Exercise(
        id="scaled_dot_product_attention",
        reference="ml_from_scratch.attention:scaled_dot_product_attention",
        topic="attention",
        difficulty="medium",
        complexity="O(L S E)",
        source="Vaswani et al. 2017, eq. 1; torch's scaled_dot_product_attention",
        statement=f"""
Scaled dot-product attention with the semantics of
torch.nn.functional.scaled_dot_product_attention:

    out = softmax(query @ key^T * scale + M) @ value,    scale = 1 / sqrt(E) by default

Shapes: query (..., L, E), key (..., S, E), value (..., S, Ev) -> out (..., L, Ev).
The batch dimensions "..." broadcast against each other as torch.matmul's do.  The
softmax is over the S keys of each query.

    attn_mask   None, or a tensor broadcastable to (..., L, S).  Boolean: True where
                the query MAY attend the key (M = 0), False where not (M = -inf).
                Floating: added to the scores as M.
    is_causal   query i attends only keys j <= i: the lower triangle counted from
                the top-left corner, also when L != S.  Never given with attn_mask.
    dropout_p   when > 0, zero each attention weight with probability dropout_p
                (draw with torch.rand(..., generator=generator)) and divide the
                kept ones by 1 - dropout_p.
    scale       replaces 1 / sqrt(E) when given.

A query that may attend no key at all (its row wholly masked) gets a row of zeros,
not NaN.
{_NO_ORACLE}
Constraints: float32 or float64 tensors of one dtype; 1 <= L, S <= 512;
1 <= E, Ev <= 128; up to 3 batch dimensions.

Examples:
    >>> q = torch.tensor([[1.0, 0.0]])
    >>> k = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    >>> v = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> scaled_dot_product_attention(q, k, v)  # weights softmax([1 / sqrt(2), 0])
    tensor([[1.6605, 2.6605]])
    >>> scaled_dot_product_attention(q, k, v, attn_mask=torch.tensor([[False, True]]))
    tensor([[3., 4.]])
    >>> scaled_dot_product_attention(q, k, v, is_causal=True)  # only key 0
    tensor([[1., 2.]])
    >>> scaled_dot_product_attention(q, k, v, attn_mask=torch.tensor([[False, False]]))
    tensor([[0., 0.]])
""",
        signature=(
            "def scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor, "
            "attn_mask: Tensor | None = None, dropout_p: float = 0.0, is_causal: bool = False, "
            "scale: float | None = None, generator: torch.Generator | None = None) -> Tensor"
        ),
        imports=_TENSORS,
        compare=_FLOATS,
        bench=_ATTENTION,
        requires=("torch",),
    ),
    Exercise(
        id="flash_attention",
        reference="ml_from_scratch.attention:flash_attention",
        topic="attention",
        difficulty="hard",
        complexity="O(L S E) time, O(L + S) memory",
        source="Dao et al. 2022, FlashAttention, Algorithm 1",
        statement=f"""
Exact softmax attention, the same as
scaled_dot_product_attention(query, key, value, is_causal=is_causal, scale=scale)
(no mask, no dropout), computed by the FlashAttention algorithm so that the L x S
matrix of scores is never built.

Cut the queries and the keys into blocks of block_size rows.  For each block of
queries Q_i keep a running row maximum m (start: -inf), a running row sum l (0) and
an unnormalised output O (0), and walk over the blocks of keys K_j, values V_j:

    S  = scale * Q_i @ K_j^T              one block_size x block_size tile
    m' = max(m, rowmax(S))
    P  = exp(S - m')
    l  = exp(m - m') * l + rowsum(P)
    O  = exp(m - m') * O + P @ V_j
    m  = m'

then write O / l as the output rows of Q_i.  No tensor you create may hold more
than a few tiles of scores.  With is_causal (query i attends keys j <= i, from the
top left), skip the key blocks that lie wholly above the diagonal and mask only the
blocks that straddle it.

Shapes: query (..., L, E), key (..., S, E), value (..., S, Ev) -> (..., L, Ev);
batch dimensions broadcast.  The result does not depend on block_size beyond
rounding.
{_NO_ORACLE}
Constraints: float32 or float64; 1 <= L, S <= 2048; 1 <= E, Ev <= 128;
1 <= block_size <= 512.

Examples:
    >>> q = torch.tensor([[1.0, 0.0]])
    >>> k = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    >>> v = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> flash_attention(q, k, v, block_size=1)  # two tiles, one key each
    tensor([[1.6605, 2.6605]])
    >>> flash_attention(torch.zeros(3, 2), torch.zeros(3, 2), torch.eye(3), is_causal=True)
    tensor([[1.0000, 0.0000, 0.0000],
            [0.5000, 0.5000, 0.0000],
            [0.3333, 0.3333, 0.3333]])
""",
        signature=(
            "def flash_attention(query: Tensor, key: Tensor, value: Tensor, "
            "is_causal: bool = False, scale: float | None = None, block_size: int = 128) "
            "-> Tensor"
        ),
        imports=_TENSORS,
        compare=_FLOATS,
        bench=_ATTENTION,
        requires=("torch",),
    ),
    Exercise(
        id="linear_attention",
        reference="ml_from_scratch.attention:linear_attention",
        topic="attention",
        difficulty="hard",
        complexity="O(L d dv)",
        source="Katharopoulos et al. 2020, Transformers are RNNs, eq. 4-6",
        statement="""
Linear attention: the softmax's exp(q . k) replaced by phi(q) . phi(k), for a
feature map phi, so that the sum over the keys can be done once for all queries:

    out_i = phi(q_i) @ (sum_j phi(k_j) v_j^T)  /  (phi(q_i) . sum_j phi(k_j) + eps)

    feature_map "elu": phi(x) = elu(x) + 1;  "relu": phi(x) = relu(x)

Non-causal: compute KV = phi(K)^T V (d x dv) and z = sum_j phi(k_j) once, in
O(L d dv); never form the L x S matrix phi(Q) phi(K)^T.

Causal (is_causal=True, self-attention with L == S): query i sums over keys j <= i
only.  Cut the sequence into chunks of chunk_size: inside a chunk use the masked
quadratic form (lower triangle of phi(Q_c) phi(K_c)^T), and carry across chunks the
running KV and z of all earlier chunks.  Never build an (L, d, dv) tensor of prefix
sums: memory must stay O(chunk_size^2 + d dv) beyond the output.  The result does
not depend on chunk_size beyond rounding.

Shapes: query (..., L, d), key (..., S, d), value (..., S, dv) -> (..., L, dv);
batch dimensions broadcast.  Differentiable (gradients are checked).

Constraints: float32 or float64; 1 <= L, S <= 4096; 1 <= d, dv <= 128;
1 <= chunk_size <= 256; eps >= 0.

Examples:
    >>> q = k = torch.zeros(3, 2)  # phi(0) = 1: every key weighs the same
    >>> v = torch.tensor([[3.0], [6.0], [9.0]])
    >>> linear_attention(q, k, v, eps=0.0)
    tensor([[6.],
            [6.],
            [6.]])
    >>> linear_attention(q, k, v, is_causal=True, eps=0.0)  # running means
    tensor([[3.0000],
            [4.5000],
            [6.0000]])
""",
        signature=(
            "def linear_attention(query: Tensor, key: Tensor, value: Tensor, feature_map: "
            'str = "elu", is_causal: bool = False, eps: float = 1e-6, chunk_size: int = 64) '
            "-> Tensor"
        ),
        imports=_TENSORS,
        compare=_FLOATS,
        bench=_ATTENTION,
        requires=("torch",),
    ),
    Exercise(
        id="multi_head_attention",
        reference="ml_from_scratch.attention:MultiHeadAttention",
        kind="class",
        topic="attention",
        difficulty="medium",
        complexity="O(N L S E)",
        source="Vaswani et al. 2017, section 3.2.2; torch.nn.MultiheadAttention",
        statement=f"""
Multi-head attention as torch.nn.MultiheadAttention(batch_first=True) computes it:

    m = MultiHeadAttention(embed_dim, num_heads, bias=True, dropout=0.0, kdim=None, vdim=None)

an nn.Module with four nn.Linear submodules, with biases when bias is True:
q_proj (embed_dim -> embed_dim), k_proj (kdim -> embed_dim), v_proj (vdim -> embed_dim)
and out_proj (embed_dim -> embed_dim); kdim and vdim default to embed_dim.

    output, weights = m(query, key, value, attn_mask=None, key_padding_mask=None,
                        is_causal=False, need_weights=False)

query (N, L, embed_dim), key (N, S, kdim), value (N, S, vdim) -> output (N, L,
embed_dim).  Project the three inputs, split each projection into num_heads heads of
head_dim = embed_dim // num_heads features, attend in every head with
softmax(q k^T / sqrt(head_dim) + M) v, concatenate the heads and apply out_proj.
weights is None unless need_weights, then the attention weights averaged over the
heads, (N, L, S).

Masks as nn.MultiheadAttention's: attn_mask (L, S) or (N * num_heads, L, S), boolean
True where the query may NOT attend, or floating and added to the scores;
key_padding_mask (N, S), boolean, True for a padding key that nobody attends.
is_causal=True by itself applies the causal mask (query i attends keys j <= i).
dropout zeroes attention weights in training mode only.
{_NO_ORACLE}
The tests copy the weights of a torch.nn.MultiheadAttention into your four
projections and compare outputs, weights and gradients.

Constraints: float32 or float64; 1 <= N <= 4; 1 <= L, S <= 64; num_heads divides
embed_dim <= 64.  Every query keeps at least one key it may attend.

Example:
    >>> mha = MultiHeadAttention(8, num_heads=2)
    >>> x = torch.randn(3, 5, 8)
    >>> output, weights = mha(x, x, x, need_weights=True)
    >>> output.shape, weights.shape
    (torch.Size([3, 5, 8]), torch.Size([3, 5, 5]))
""",
        signature='''
class MultiHeadAttention(nn.Module):
    """Multi-head attention, batch first, with q_proj, k_proj, v_proj and out_proj."""

    def __init__(self, embed_dim: int, num_heads: int, bias: bool = True,
                 dropout: float = 0.0, kdim: int | None = None,
                 vdim: int | None = None) -> None:
        """Make the four nn.Linear projections (call super().__init__() first)."""
        ...

    def forward(self, query: Tensor, key: Tensor, value: Tensor,
                attn_mask: Tensor | None = None, key_padding_mask: Tensor | None = None,
                is_causal: bool = False,
                need_weights: bool = False) -> tuple[Tensor, Tensor | None]:
        """(output, the weights averaged over the heads or None)."""
        ...
''',
        imports=_MODULES,
        bench=_ATTENTION,
        requires=("torch",),
    ),
    Exercise(
        id="apply_rotary",
        reference="ml_from_scratch.position:apply_rotary",
        topic="position encoding",
        difficulty="medium",
        complexity="O(L D)",
        source="Su et al. 2021, RoFormer, eq. 13-15",
        statement="""
Rotary position embedding: rotate the features of x in pairs, pair i of row m by
the angle whose cosine and sine are cos[m, i] and sin[m, i]:

    (a, b)  ->  (a * cos - b * sin,  a * sin + b * cos)

x has shape (..., L, D); cos and sin have the same shape, (L, r/2) or anything
broadcastable to (..., L, r/2), where r = 2 * cos.shape[-1] <= D is the number of
rotated features.  Pair i is

    interleaved=False (GPT-NeoX, LLaMA):   (x[..., i], x[..., i + r/2])
    interleaved=True  (RoFormer, GPT-J):   (x[..., 2i], x[..., 2i + 1])

for 0 <= i < r/2.  The features from r on are returned unchanged.  The result has
the shape and dtype of x and is differentiable.

Constraints: float32 or float64; 1 <= L <= 512, 2 <= D <= 256.

Examples:
    >>> x = torch.tensor([[0.0, 1.0, 2.0, 3.0]])
    >>> cos, sin = torch.tensor([[0.0, 1.0]]), torch.tensor([[1.0, 0.0]])  # turn pair 0
    >>> apply_rotary(x, cos, sin)  # pair 0 is (x0, x2): (0, 2) -> (-2, 0)
    tensor([[-2.,  1.,  0.,  3.]])
    >>> apply_rotary(x, cos, sin, interleaved=True)  # pair 0 is (x0, x1)
    tensor([[-1.,  0.,  2.,  3.]])
""",
        signature=(
            "def apply_rotary(x: Tensor, cos: Tensor, sin: Tensor, interleaved: bool = False) "
            "-> Tensor"
        ),
        imports=_TENSORS,
        compare=_FLOATS,
        bench=_POSITION,
        requires=("torch",),
    ),
    Exercise(
        id="rotary_embedding",
        reference="ml_from_scratch.position:RotaryEmbedding",
        kind="class",
        topic="position encoding",
        difficulty="medium",
        complexity="O(L D)",
        source="Su et al. 2021, RoFormer, eq. 13-15",
        statement="""
A rotary position embedding module:

    rope = RotaryEmbedding(dim, base=10000.0, interleaved=False, rotary_dim=None)
    rope(x, positions=None)

x has shape (..., L, dim).  The first r = rotary_dim features (default dim; even)
are rotated in r/2 pairs, pair i of the row at position m by the angle
m * theta_i with theta_i = base ** (-2 i / r):

    (a, b)  ->  (a cos(m theta_i) - b sin(m theta_i),  a sin(m theta_i) + b cos(m theta_i))

Pair i is (x[..., i], x[..., i + r/2]) when interleaved is False (GPT-NeoX, LLaMA),
(x[..., 2i], x[..., 2i + 1]) when True (RoFormer, GPT-J).  Features r: pass through.
positions, an integer tensor broadcastable to (..., L), defaults to 0, 1, ..., L - 1.
The output has the shape and dtype of x.

Then <rope(q)[m], rope(k)[n]> depends on m - n only, and norms are unchanged.

Constraints: float32 or float64; 1 <= L <= 4096; 2 <= dim <= 256;
positions in [0, 10^5).

Example:
    >>> rope = RotaryEmbedding(2)
    >>> rope(torch.tensor([[1.0, 0.0], [1.0, 0.0]]))  # position 1: turn by 1 radian
    tensor([[1.0000, 0.0000],
            [0.5403, 0.8415]])
""",
        signature='''
class RotaryEmbedding(nn.Module):
    """Rotary position embedding of the last dimension of queries or keys."""

    def __init__(self, dim: int, base: float = 10000.0, interleaved: bool = False,
                 rotary_dim: int | None = None) -> None:
        """Remember the sizes (call super().__init__() first)."""
        ...

    def forward(self, x: Tensor, positions: Tensor | None = None) -> Tensor:
        """x with its first rotary_dim features rotated by position."""
        ...
''',
        imports=_MODULES,
        bench=_POSITION,
        requires=("torch",),
    ),
    Exercise(
        id="sinusoidal_encoding",
        reference="ml_from_scratch.position:sinusoidal_encoding",
        topic="position encoding",
        difficulty="easy",
        complexity="O(n d)",
        source="Vaswani et al. 2017, section 3.5",
        statement="""
The sinusoidal position encoding of "Attention Is All You Need": a float32 tensor
PE of shape (num_positions, dim) with, for 0 <= 2i < dim,

    PE[pos, 2i]     = sin(pos / base ** (2i / dim))
    PE[pos, 2i + 1] = cos(pos / base ** (2i / dim))

Constraints: 0 <= num_positions <= 1024; dim even, 2 <= dim <= 1024; base > 0.
Each value within 2e-4 of the exact one (float32 angles are fine).

Examples:
    >>> sinusoidal_encoding(3, 4)  # frequencies 1 and 1/100
    tensor([[ 0.0000,  1.0000,  0.0000,  1.0000],
            [ 0.8415,  0.5403,  0.0100,  0.9999],
            [ 0.9093, -0.4161,  0.0200,  0.9998]])
""",
        signature=(
            "def sinusoidal_encoding(num_positions: int, dim: int, base: float = 10000.0) -> Tensor"
        ),
        imports=_TENSORS,
        # A float32 angle near 1024 is off by up to 1024 * 2^-23 = 1.2e-4, plus the
        # rounding of the frequency: 2e-4 lets a textbook float32 table pass.
        compare=BY_VALUE.within(abs=2e-4),
        bench=_POSITION,
        requires=("torch",),
    ),
    Exercise(
        id="alibi_slopes",
        reference="ml_from_scratch.position:alibi_slopes",
        topic="position encoding",
        difficulty="easy",
        complexity="O(n)",
        source="Press et al. 2022, ALiBi, section 3 and its code",
        statement="""
The head slopes of ALiBi (attention with linear biases): head h adds
-m_h * (i - j) to the score of query i for key j.  For n heads:

  * n a power of two: the geometric sequence m_h = 2 ** (-8 h / n), h = 1, ..., n
    (it starts at 2 ** (-8 / n) and has that ratio);
  * otherwise, with p the largest power of two below n: the p slopes of p heads,
    followed by the slopes of 2p heads at odd h (h = 1, 3, 5, ...), the first n - p
    of them.

Return the n slopes in that order, as a 1-D float tensor (or a list of floats).

Constraints: 1 <= n <= 1024.

Examples:
    >>> alibi_slopes(8) * 256
    tensor([128.,  64.,  32.,  16.,   8.,   4.,   2.,   1.])
    >>> alibi_slopes(6)  # 4 heads' slopes, then 8 heads' first and third
    tensor([0.2500, 0.0625, 0.0156, 0.0039, 0.5000, 0.1250])
""",
        signature="def alibi_slopes(num_heads: int) -> Tensor",
        imports=_TENSORS,
        compare=BY_VALUE.within(rel=1e-6),  # float32 rounding of 2 ** (-x)
        bench=_POSITION,
        requires=("torch",),
    ),
    Exercise(
        id="t5_relative_position_bucket",
        reference="ml_from_scratch.position:t5_relative_position_bucket",
        topic="position encoding",
        difficulty="medium",
        complexity="O(n)",
        source="Raffel et al. 2020, T5, section 2.1 and its code",
        statement="""
T5's relative position buckets.  relative_position holds offsets key - query
(integers, any shape); return, as an int64 tensor of the same shape, the bucket of
each:

  * bidirectional: num_buckets is halved, B = num_buckets // 2; offsets > 0 go to
    the upper half (add B), and n = |offset|.  Otherwise B = num_buckets and
    n = max(-offset, 0) (keys after the query all land in bucket 0).
  * exact = B // 2.  If n < exact the bucket is n.  Otherwise it is
        min(B - 1, exact + floor(log(n / exact) / log(max_distance / exact) * (B - exact)))

Constraints: |offset| <= 10^4; num_buckets >= 4 (bidirectional) or >= 2;
max_distance > exact.

Examples:
    >>> offsets = torch.tensor([-130, -16, -8, -1, 0, 1, 8, 16, 130])
    >>> t5_relative_position_bucket(offsets)
    tensor([15, 10,  8,  1,  0, 17, 24, 26, 31])
    >>> t5_relative_position_bucket(offsets, bidirectional=False)
    tensor([31, 16,  8,  1,  0,  0,  0,  0,  0])
""",
        signature=(
            "def t5_relative_position_bucket(relative_position: Tensor, bidirectional: bool "
            "= True, num_buckets: int = 32, max_distance: int = 128) -> Tensor"
        ),
        imports=_TENSORS,
        bench=_POSITION,
        requires=("torch",),
    ),
]
