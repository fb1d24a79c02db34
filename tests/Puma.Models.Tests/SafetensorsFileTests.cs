using Puma.Models.Checkpoints;

namespace Puma.Models.Tests;

public sealed class SafetensorsFileTests : IDisposable
{
    private readonly TinyModels _models = new();

    public void Dispose() => _models.Dispose();

    [Theory]
    [InlineData(TensorDType.F32)]
    [InlineData(TensorDType.F16)]
    [InlineData(TensorDType.BF16)]
    public void ReadsEveryDTypeToFloatAndDouble(TensorDType dtype)
    {
        float[] values = [0f, 1f, -2.5f, 0.1f, 65504f, -1e-3f];
        var stored = values.Select(v => SafetensorsWriter.Stored(v, dtype)).ToArray();
        var path = Path.Combine(_models.Directory, "t.safetensors");
        SafetensorsWriter.Write(path, [new("x", dtype, [2, 3], stored)]);

        using var file = SafetensorsFile.Open(path);
        Assert.Equal(dtype, file.Info("x").DType);
        Assert.Equal(stored, file.ReadSingles("x", 2, 3));
        Assert.Equal(stored.Select(v => (double)v), file.ReadDoubles("x", 2, 3));
        Assert.Equal(6 * dtype.Size(), file.Bytes("x").Length);
        Assert.Equal("pt", file.Metadata["format"]);
    }

    [Fact]
    public void ReadsASliceInPlace()
    {
        var path = Path.Combine(_models.Directory, "t.safetensors");
        SafetensorsWriter.Write(path, [new("a", TensorDType.F32, [1], [9f]), new("x", TensorDType.BF16, [4, 2], [0, 1, 2, 3, 4, 5, 6, 7])]);
        using var file = SafetensorsFile.Open(path);
        var row = new double[2];
        file.Read("x", 4, row);
        Assert.Equal([4.0, 5.0], row);
        var error = Assert.Throws<CheckpointException>(() => file.Read("x", 7, row));
        Assert.Contains("outside the tensor's 8", error.Message);
    }

    [Fact]
    public void TruncatedFileNamesTheTensorThatRunsPastTheEnd()
    {
        var folder = _models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(1, TensorDType.F32));
        var path = Path.Combine(folder, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);

        var error = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Equal(path, error.FilePath);
        Assert.Equal("ln_f.bias", error.TensorName);
        Assert.Contains("truncated", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(40)]
    public void FileCutInsideTheHeaderIsRejected(int length)
    {
        var folder = _models.WriteModel(_models.Gpt2ConfigJson(), TinyModels.Gpt2Tensors(1, TensorDType.F32));
        var path = Path.Combine(folder, "model.safetensors");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..length]);

        var error = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Null(error.TensorName);
        Assert.Contains(length < 8 ? "shorter than the 8-byte header" : "runs past the end of the file", error.Message);
    }

    [Fact]
    public void UnknownDTypeIsNamed()
    {
        var path = Path.Combine(_models.Directory, "t.safetensors");
        SafetensorsWriter.WriteRaw(path, """{"w": {"dtype": "I64", "shape": [2], "data_offsets": [0, 16]}}""", new byte[16]);
        var error = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Equal("w", error.TensorName);
        Assert.Contains("dtype 'I64' is not supported", error.Message);
    }

    [Fact]
    public void DTypeThatDisagreesWithTheByteRangeIsRejected()
    {
        var path = Path.Combine(_models.Directory, "t.safetensors");
        SafetensorsWriter.WriteRaw(path, """{"w": {"dtype": "F16", "shape": [2, 2], "data_offsets": [0, 16]}}""", new byte[16]);
        var error = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Contains("hold 16 bytes but F16 [2, 2] needs 8", error.Message);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("""{"w": {"dtype": "F32", "shape": [2]}}""", "data_offsets")]
    [InlineData("""{"w": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}}""", "non-negative")]
    [InlineData("""{"w": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}}""", "0 <= begin <= end")]
    [InlineData("""{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}""", "overlap")]
    public void MalformedHeadersAreRejected(string header, string expected)
    {
        var path = Path.Combine(_models.Directory, "t.safetensors");
        SafetensorsWriter.WriteRaw(path, header, new byte[16]);
        var error = Assert.Throws<CheckpointException>(() => SafetensorsFile.Open(path));
        Assert.Contains(expected, error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void MissingTensorAndWrongShapeAreNamed()
    {
        var path = Path.Combine(_models.Directory, "t.safetensors");
        SafetensorsWriter.Write(path, [new("x", TensorDType.F32, [2, 3], new float[6])]);
        using var file = SafetensorsFile.Open(path);

        var missing = Assert.Throws<CheckpointException>(() => file.ReadSingles("y", 2, 3));
        Assert.Equal("y", missing.TensorName);
        Assert.Contains("tensor not found", missing.Message);

        var shape = Assert.Throws<CheckpointException>(() => file.ReadDoubles("x", 3, 2));
        Assert.Contains("shape [2, 3] does not match [3, 2]", shape.Message);
    }

    [Fact]
    public void DisposedFileRefusesReads()
    {
        var path = Path.Combine(_models.Directory, "t.safetensors");
        SafetensorsWriter.Write(path, [new("x", TensorDType.F32, [1], [1f])]);
        var file = SafetensorsFile.Open(path);
        file.Dispose();
        Assert.Throws<ObjectDisposedException>(() => file.ReadSingles("x", 1));
    }
}
