namespace Puma.Models.Tests.Fuzz;

/// <summary>
/// A USE-Lite graph model with the published architecture's node names, ops and weight shapes
/// (8,002 × 256 embeddings, two 4-head layers of widths 256 → 512 and 512, 1,536-wide feed-forward)
/// and zero weights, except the constants <c>UseLiteWeights</c> checks: the query/key/value
/// splits, head sizes, query scales, norm epsilons and the maximum length.
/// </summary>
internal static class UseLiteGraphWriter
{
    private const string Kona = "module_apply_default/Encoder_en/KonaTransformer/";
    private const string Stack = Kona + "Encode/TransformerStack/";
    private const string Hidden = "module/Encoder_en/hidden_layers/tanh_layer_0/";
    private const int Heads = 4, EmbeddingWidth = 256, Width = 512, HiddenWidth = 1536;

    /// <summary>Writes the shards into <paramref name="directory"/> and returns the model.json bytes.</summary>
    public static byte[] Write(string directory) => TfjsModelWriter.Write(directory, Nodes(), Weights(), shards: 7);

    private static List<(string, string)> Nodes()
    {
        var nodes = new List<(string, string)>
        {
            (Stack + "Layer_0/AddTimingSignal/TimingSignal/Sin", "Sin"), (Stack + "Layer_0/AddTimingSignal/TimingSignal/Cos", "Cos"),
            (Stack + "Layer_0/AddTimingSignal/add", "Add"), (Stack + "Layer_0/add", "Add"),
            (Stack + "Layer_0/TransformerLayer/AdjustResidualInput/dense/MatMul", "MatMul"),
            (Kona + "div", "RealDiv"), ("module_apply_default/Encoder_en/hidden_layers/tanh_layer_0/Tanh", "Tanh"),
            ("module_apply_default/Encoder_en/hidden_layers/l2_normalize/Rsqrt", "Rsqrt"),
        };
        for (var layer = 0; layer < 2; layer++)
        {
            var path = $"{Stack}Layer_{layer}/TransformerLayer/";
            nodes.AddRange([
                (path + "layer_prepostprocess/layer_norm/Rsqrt", "Rsqrt"), (path + "MultiheadAttention/qkv_transform_single/Conv2D", "Conv2D"),
                (path + "MultiheadAttention/DotProductAttention/BaseDotProductAttention/Softmax", "Softmax"),
                (path + "MultiheadAttention/output_transform_single/Conv2D", "Conv2D"), (path + "FFN/layer_prepostprocess/layer_norm/Rsqrt", "Rsqrt"),
                (path + "FFN/conv1/Relu", "Relu"), (path + "FFN/layer_postprocess/add", "Add")]);
        }
        return nodes;
    }

    private static List<TfjsModelWriter.Weight> Weights()
    {
        var weights = new List<TfjsModelWriter.Weight>
        {
            TfjsModelWriter.Weight.Float("module/Embeddings_en", [8002, EmbeddingWidth]),
            TfjsModelWriter.Weight.Float(Stack + "Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1", [1, EmbeddingWidth / 2], 0.01f),
            TfjsModelWriter.Weight.Float(Stack + "Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x", [], 1e-6f),
            TfjsModelWriter.Weight.Int(Kona + "ClipToMaxLength/Less/y", 128),
            TfjsModelWriter.Weight.Int(Stack + "Layer_1/TransformerLayer/MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/2", Heads),
            TfjsModelWriter.Weight.Float(Hidden + "weights", [Width, Width]),
            TfjsModelWriter.Weight.Float(Hidden + "bias", [Width]),
            TfjsModelWriter.Weight.Float("module_apply_default/Encoder_en/hidden_layers/l2_normalize/Maximum/y", [], 1e-12f),
        };
        weights.AddRange(Layer(0, EmbeddingWidth));
        weights.AddRange(Layer(1, Width));
        return weights;
    }

    private static IEnumerable<TfjsModelWriter.Weight> Layer(int layer, int input)
    {
        var stack = $"{Stack}Layer_{layer}/TransformerLayer/";
        var encode = $"{Kona}Encode/Layer_{layer}/TransformerLayer/";
        var module = $"module/Encoder_en/KonaTransformer/Encode/Layer_{layer}/TransformerLayer/";
        const string Concat = "/ConcatPartitions/concat";
        var headSize = input / Heads;
        yield return TfjsModelWriter.Weight.Int(stack + "MultiheadAttention/Const", input, input, input);
        yield return TfjsModelWriter.Weight.Int(stack + "MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/3", headSize);
        yield return TfjsModelWriter.Weight.Float(stack + "MultiheadAttention/mul/y", [], 1 / MathF.Sqrt(headSize));
        yield return TfjsModelWriter.Weight.Float(encode + "layer_prepostprocess/layer_norm/layer_norm_scale" + Concat, [input], 1);
        yield return TfjsModelWriter.Weight.Float(encode + "layer_prepostprocess/layer_norm/layer_norm_bias" + Concat, [input]);
        yield return TfjsModelWriter.Weight.Float(module + "MultiheadAttention/qkv_transform_single/kernel/part_0", [1, 1, input, 3 * input]);
        yield return TfjsModelWriter.Weight.Float(encode + "MultiheadAttention/qkv_transform_single/bias" + Concat, [3 * input]);
        yield return TfjsModelWriter.Weight.Float(module + "MultiheadAttention/output_transform_single/kernel/part_0", [1, 1, input, Width]);
        yield return TfjsModelWriter.Weight.Float(encode + "MultiheadAttention/output_transform_single/bias" + Concat, [Width]);
        if (input != Width)
        {
            yield return TfjsModelWriter.Weight.Float(encode + "dense/kernel" + Concat, [input, Width]);
            yield return TfjsModelWriter.Weight.Float(encode + "dense/bias" + Concat, [Width]);
        }
        yield return TfjsModelWriter.Weight.Float(encode + "FFN/layer_prepostprocess/layer_norm/layer_norm_scale" + Concat, [Width], 1);
        yield return TfjsModelWriter.Weight.Float(encode + "FFN/layer_prepostprocess/layer_norm/layer_norm_bias" + Concat, [Width]);
        yield return TfjsModelWriter.Weight.Float(stack + "FFN/conv1/Tensordot/Reshape_1", [Width, HiddenWidth]);
        yield return TfjsModelWriter.Weight.Float(encode + "FFN/conv1/bias" + Concat, [HiddenWidth]);
        yield return TfjsModelWriter.Weight.Float(stack + "FFN/conv2/Tensordot/Reshape_1", [HiddenWidth, Width]);
        yield return TfjsModelWriter.Weight.Float(encode + "FFN/conv2/bias" + Concat, [Width]);
    }
}
