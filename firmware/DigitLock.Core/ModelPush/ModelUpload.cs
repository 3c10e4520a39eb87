using DigitLock.Core.Hardware;

namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// The model arriving in chunks, kept on storage so a broken link or a power cut resumes
    /// where it stopped: a header file (size, version, SHA-256) and one file per acknowledged
    /// chunk (IStorage writes whole files; a file per chunk keeps each acknowledgement one write).
    /// </summary>
    public sealed class ModelUpload
    {
        public const string Folder = "model/incoming";
        public const string HeadPath = "model/incoming/head";
        public const int ChunkSize = 4096;

        private readonly IStorage _storage;

        public ModelUpload(IStorage storage)
        {
            _storage = storage;
        }

        public int Size { get; private set; }

        public uint Version { get; private set; }

        public byte[] Sha256 { get; private set; }

        public int ChunkCount
        {
            get { return (Size + ChunkSize - 1) / ChunkSize; }
        }

        /// <summary>Index of the first chunk not yet stored.</summary>
        public int NextChunk { get; private set; }

        public static string ChunkPath(int index)
        {
            return Folder + "/c" + index;
        }

        /// <summary>
        /// Starts receiving this model, or continues a stored upload of the very same model
        /// (same size, version and hash); anything else stored is discarded first.
        /// </summary>
        public void Start(int size, uint version, byte[] sha256)
        {
            Size = size;
            Version = version;
            Sha256 = sha256;
            byte[] head = new ByteWriter(48).U32((uint)size).U32(version).Bytes(sha256).ToArray();
            if (_storage.Exists(HeadPath) && SameBytes(_storage.ReadAll(HeadPath), head))
            {
                int next = 0;
                while (next < ChunkCount && _storage.Exists(ChunkPath(next)))
                {
                    next++;
                }

                NextChunk = next;
                return;
            }

            Discard();
            _storage.CreateDirectory(Folder);
            _storage.WriteAtomic(HeadPath, head);
            NextChunk = 0;
        }

        /// <summary>Length chunk <paramref name="index"/> must have.</summary>
        public int ChunkLength(int index)
        {
            int rest = Size - index * ChunkSize;
            return rest < ChunkSize ? rest : ChunkSize;
        }

        public void Store(int index, byte[] data)
        {
            _storage.WriteAtomic(ChunkPath(index), data);
            NextChunk = index + 1;
        }

        /// <summary>The whole model from its chunks.</summary>
        public byte[] Assemble()
        {
            var model = new byte[Size];
            for (int i = 0; i < ChunkCount; i++)
            {
                byte[] chunk = _storage.ReadAll(ChunkPath(i));
                if (chunk.Length != ChunkLength(i))
                {
                    throw new PushProtocolException(PushError.BadChunk, "stored chunk " + i + " has the wrong length");
                }

                System.Array.Copy(chunk, 0, model, i * ChunkSize, chunk.Length);
            }

            return model;
        }

        /// <summary>Deletes the head first, so a cut half-way leaves only orphan chunks that the next Start clears.</summary>
        public void Discard()
        {
            if (!_storage.Exists(Folder))
            {
                return;
            }

            if (_storage.Exists(HeadPath))
            {
                _storage.Delete(HeadPath);
            }

            string[] names = _storage.ListFiles(Folder);
            for (int i = 0; i < names.Length; i++)
            {
                _storage.Delete(Folder + "/" + names[i]);
            }
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
