namespace Puma.Models.UseLite;

/// <summary>
/// The weights of USE-Lite ("KonaTransformer") read by name from the TF.js graph model, with the
/// architecture this code implements checked against the graph:
/// 2 × token embeddings (256) + sinusoidal timing signal → 2 pre-norm Transformer layers of 4 heads
/// (layer 0: 256 → 512 with a projected residual; layer 1: 512) with ReLU feed-forward (1536) →
/// mean over tokens → tanh dense layer (512) → L2 normalisation. Input beyond
/// <see cref="MaxTokens"/> tokens is clipped, as the graph's ClipToMaxLength does.
/// </summary>
public sealed class UseLiteWeights
{
    public const int LayerCount = 2;

    /// <summary>
    /// How many times the graph adds the token embeddings into the first layer's input:
    /// AddTimingSignal adds the timing signal to the embeddings, and Layer_0/add then adds the
    /// embeddings once more, so the input is 2·embedding + timing signal.
    /// </summary>
    public const int EmbeddingMultiplicity = 2;

    private const string Kona = "module_apply_default/Encoder_en/KonaTransformer/";
    private const string Stack = Kona + "Encode/TransformerStack/";
    private const string Hidden = "module/Encoder_en/hidden_layers/tanh_layer_0/";

    public required int VocabularyRows { get; init; }
    public required int EmbeddingWidth { get; init; }
    public required int Width { get; init; }
    public required int HiddenWidth { get; init; }
    public required int MaxTokens { get; init; }
    public required double NormEpsilon { get; init; }

    /// <summary>[VocabularyRows, EmbeddingWidth].</summary>
    public required double[] TokenEmbedding { get; init; }

    /// <summary>EmbeddingWidth/2 frequencies: position p gets sin(p·ω) then cos(p·ω).</summary>
    public required double[] InverseTimescales { get; init; }
    public required UseLiteLayerWeights[] Layers { get; init; }

    /// <summary>[Width, Width], followed by tanh.</summary>
    public required double[] OutputDense { get; init; }
    public required double[] OutputDenseBias { get; init; }

    /// <summary>The floor on Σy² in the final L2 normalisation.</summary>
    public required double L2Epsilon { get; init; }

    /// <summary>
    /// The public timing signal added to the embeddings of <paramref name="tokens"/> positions,
    /// [tokens, EmbeddingWidth]. The angle p·ω is rounded to float32 as the graph computes it.
    /// </summary>
    public double[] TimingSignal(int tokens) => TimingSignal(InverseTimescales, EmbeddingWidth, tokens);

    /// <summary>The timing signal from its public inverse timescales alone, as a bundle's parties compute it.</summary>
    public static double[] TimingSignal(double[] inverseTimescales, int embeddingWidth, int tokens)
    {
        int half = inverseTimescales.Length;
        var signal = new double[tokens * embeddingWidth];
        for (var p = 0; p < tokens; p++)
        {
            for (var i = 0; i < half; i++)
            {
                var angle = (double)(float)(p * (float)inverseTimescales[i]);
                signal[p * embeddingWidth + i] = Math.Sin(angle);
                signal[p * embeddingWidth + half + i] = Math.Cos(angle);
            }
        }
        return signal;
    }

    /// <summary>Reads and checks every tensor of <c>model.json</c> at <paramref name="modelJsonPath"/>.</summary>
    public static UseLiteWeights Load(string modelJsonPath)
    {
        var graph = TfjsGraphModel.Open(modelJsonPath);
        RequireArchitecture(graph);
        int rows = 8002, embeddingWidth = 256, width = 512, hidden = 1536;
        var timescales = graph.Floats(Stack + "Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1", 1, embeddingWidth / 2);
        var epsilon = PositiveScalar(graph, Stack + "Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x");
        var maxTokens = graph.Integers(Kona + "ClipToMaxLength/Less/y")[0];
        const string HeadsName = Stack + "Layer_1/TransformerLayer/MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/2";
        var heads = graph.Integers(HeadsName)[0];
        if (heads <= 0) throw graph.Problem(HeadsName, $"{heads} attention heads");
        UseLiteLayerWeights[] layers = [Layer(graph, 0, embeddingWidth, width, hidden, heads), Layer(graph, 1, width, width, hidden, heads)];
        // The largest tensor last: a file that fails a check above fails before reading its 8 MB.
        var embedding = graph.Floats("module/Embeddings_en", rows, embeddingWidth);
        return new UseLiteWeights
        {
            VocabularyRows = rows,
            EmbeddingWidth = embeddingWidth,
            Width = width,
            HiddenWidth = hidden,
            MaxTokens = maxTokens > 0 ? maxTokens : throw graph.Problem(Kona + "ClipToMaxLength/Less/y", $"a maximum length of {maxTokens} tokens"),
            NormEpsilon = epsilon,
            TokenEmbedding = embedding,
            InverseTimescales = timescales,
            Layers = layers,
            OutputDense = graph.Floats(Hidden + "weights", width, width),
            OutputDenseBias = graph.Floats(Hidden + "bias", width),
            L2Epsilon = PositiveScalar(graph, "module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y"),
        };
    }

    /// <summary>A float32 constant that must be positive and finite (an epsilon under a square root or a division).</summary>
    private static double PositiveScalar(TfjsGraphModel graph, string name)
    {
        var value = graph.Scalar(name);
        return double.IsFinite(value) && value > 0 ? value : throw graph.Problem(name, $"{value}, expected a positive number");
    }

    /// <summary>The ops whose presence makes this code's forward the graph's forward.</summary>
    private static void RequireArchitecture(TfjsGraphModel graph)
    {
        graph.RequireNode(Stack + "Layer_0/AddTimingSignal/TimingSignal/Sin", "Sin");
        graph.RequireNode(Stack + "Layer_0/AddTimingSignal/TimingSignal/Cos", "Cos");
        graph.RequireNode(Stack + "Layer_0/AddTimingSignal/add", "Add");
        graph.RequireNode(Stack + "Layer_0/add", "Add");
        graph.RequireNode(Stack + "Layer_0/TransformerLayer/AdjustResidualInput/dense/MatMul", "MatMul");
        for (var layer = 0; layer < LayerCount; layer++)
        {
            var path = $"{Stack}Layer_{layer}/TransformerLayer/";
            graph.RequireNode(path + "layer_prepostprocess/layer_norm/Rsqrt", "Rsqrt");
            graph.RequireNode(path + "MultiheadAttention/qkv_transform_single/Conv2D", "Conv2D");
            graph.RequireNode(path + "MultiheadAttention/DotProductAttention/BaseDotProductAttention/Softmax", "Softmax");
            graph.RequireNode(path + "MultiheadAttention/output_transform_single/Conv2D", "Conv2D");
            graph.RequireNode(path + "FFN/layer_prepostprocess/layer_norm/Rsqrt", "Rsqrt");
            graph.RequireNode(path + "FFN/conv1/Relu", "Relu");
            graph.RequireNode(path + "FFN/layer_postprocess/add", "Add");
        }
        graph.RequireNode(Kona + "div", "RealDiv");
        graph.RequireNode("module_apply_default/Encoder_en/hidden_layers/tanh_layer_0/Tanh", "Tanh");
        graph.RequireNode("module_apply_default/Encoder_en/hidden_layers/l2_normalize/Rsqrt", "Rsqrt");
    }

    private static UseLiteLayerWeights Layer(TfjsGraphModel graph, int layer, int input, int width, int hidden, int heads)
    {
        var stack = $"{Stack}Layer_{layer}/TransformerLayer/";
        var encode = $"{Kona}Encode/Layer_{layer}/TransformerLayer/";
        var module = $"module/Encoder_en/KonaTransformer/Encode/Layer_{layer}/TransformerLayer/";
        const string Concat = "/ConcatPartitions/concat";
        var splits = graph.Integers(stack + "MultiheadAttention/Const", 3);
        if (splits.Any(split => split != input)) throw graph.Problem(stack + "MultiheadAttention/Const", $"query/key/value widths [{string.Join(", ", splits)}], expected {input} each");
        var headSize = graph.Integers(stack + "MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/3")[0];
        if (headSize <= 0 || (long)headSize * heads != input) throw graph.Problem(stack + "MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/3", $"{heads} heads of {headSize} do not make {input}");
        var scale = graph.Scalar(stack + "MultiheadAttention/mul/y");
        if (Math.Abs(scale * Math.Sqrt(headSize) - 1) > 1e-6) throw graph.Problem(stack + "MultiheadAttention/mul/y", $"query scale {scale}, expected 1/√{headSize}");
        var projected = input != width;
        return new UseLiteLayerWeights
        {
            InputWidth = input,
            Heads = heads,
            AttentionNormScale = graph.Floats(encode + "layer_prepostprocess/layer_norm/layer_norm_scale" + Concat, input),
            AttentionNormBias = graph.Floats(encode + "layer_prepostprocess/layer_norm/layer_norm_bias" + Concat, input),
            QueryKeyValue = graph.Floats(module + "MultiheadAttention/qkv_transform_single/kernel/part_0", 1, 1, input, 3 * input),
            QueryKeyValueBias = graph.Floats(encode + "MultiheadAttention/qkv_transform_single/bias" + Concat, 3 * input),
            QueryScale = scale,
            AttentionOutput = graph.Floats(module + "MultiheadAttention/output_transform_single/kernel/part_0", 1, 1, input, width),
            AttentionOutputBias = graph.Floats(encode + "MultiheadAttention/output_transform_single/bias" + Concat, width),
            ResidualProjection = projected ? graph.Floats(encode + "dense/kernel" + Concat, input, width) : null,
            ResidualProjectionBias = projected ? graph.Floats(encode + "dense/bias" + Concat, width) : null,
            FeedForwardNormScale = graph.Floats(encode + "FFN/layer_prepostprocess/layer_norm/layer_norm_scale" + Concat, width),
            FeedForwardNormBias = graph.Floats(encode + "FFN/layer_prepostprocess/layer_norm/layer_norm_bias" + Concat, width),
            FeedForwardIn = graph.Floats(stack + "FFN/conv1/Tensordot/Reshape_1", width, hidden),
            FeedForwardInBias = graph.Floats(encode + "FFN/conv1/bias" + Concat, hidden),
            FeedForwardOut = graph.Floats(stack + "FFN/conv2/Tensordot/Reshape_1", hidden, width),
            FeedForwardOutBias = graph.Floats(encode + "FFN/conv2/bias" + Concat, width),
        };
    }
}
