using System;
using System.IO;
using DigitLock.Core.Hardware;

namespace DigitLock.Board
{
    /// <summary>
    /// IStorage on a nanoFramework drive (the SD card is "D:\"). Paths from the core are
    /// '/'-separated and relative to <c>root</c>.
    /// </summary>
    public sealed class FileStorage : IStorage
    {
        private const string TempSuffix = ".tmp";

        private readonly string _root;

        public FileStorage(string root)
        {
            _root = root;
        }

        public bool IsPresent
        {
            get { return Directory.Exists(DriveOf(_root)); }
        }

        public bool Exists(string path)
        {
            string full = Resolve(path);
            FinishInterruptedWrite(full);
            return File.Exists(full);
        }

        public byte[] ReadAll(string path)
        {
            string full = Resolve(path);
            try
            {
                FinishInterruptedWrite(full);
                return File.ReadAllBytes(full);
            }
            catch (IOException e)
            {
                throw new StorageException("cannot read " + path, e);
            }
        }

        public void WriteAtomic(string path, byte[] data)
        {
            string full = Resolve(path);
            string temp = full + TempSuffix;
            try
            {
                using (FileStream stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
                {
                    stream.Write(data, 0, data.Length);
                    stream.Flush();
                }

                // File.Move refuses an existing destination. If power fails between the delete and
                // the move, the complete temp file is promoted by FinishInterruptedWrite.
                if (File.Exists(full))
                {
                    File.Delete(full);
                }

                File.Move(temp, full);
            }
            catch (IOException e)
            {
                throw new StorageException("cannot write " + path, e);
            }
        }

        public void Delete(string path)
        {
            string full = Resolve(path);
            try
            {
                if (File.Exists(full))
                {
                    File.Delete(full);
                }
            }
            catch (IOException e)
            {
                throw new StorageException("cannot delete " + path, e);
            }
        }

        public void CreateDirectory(string path)
        {
            try
            {
                Directory.CreateDirectory(Resolve(path));
            }
            catch (IOException e)
            {
                throw new StorageException("cannot create " + path, e);
            }
        }

        public string[] ListFiles(string directory)
        {
            string[] paths;
            try
            {
                paths = Directory.GetFiles(Resolve(directory));
            }
            catch (IOException e)
            {
                throw new StorageException("cannot list " + directory, e);
            }

            int count = 0;
            string[] names = new string[paths.Length];
            for (int i = 0; i < paths.Length; i++)
            {
                string name = Path.GetFileName(paths[i]);
                if (!name.EndsWith(TempSuffix))
                {
                    names[count++] = name;
                }
            }

            string[] result = new string[count];
            Array.Copy(names, result, count);
            SortOrdinal(result);
            return result;
        }

        private string Resolve(string path)
        {
            if (!IsPresent)
            {
                throw new StorageException("storage " + _root + " is not mounted");
            }

            if (path == null || path.Length == 0 || path.IndexOf("..") >= 0 || path[0] == '/')
            {
                throw new StorageException("bad storage path '" + path + "'");
            }

            string[] parts = path.Split('/');
            string full = _root;
            for (int i = 0; i < parts.Length; i++)
            {
                full = Path.Combine(full, parts[i]);
            }

            return full;
        }

        // A temp file next to a missing target is the complete new content (the target is only
        // deleted after the temp file was written); next to an existing target it is a torn write.
        private static void FinishInterruptedWrite(string full)
        {
            string temp = full + TempSuffix;
            if (!File.Exists(temp))
            {
                return;
            }

            if (File.Exists(full))
            {
                File.Delete(temp);
            }
            else
            {
                File.Move(temp, full);
            }
        }

        private static string DriveOf(string root)
        {
            return root.Substring(0, 3);
        }

        // nanoFramework has no Array.Sort; directories hold a few dozen files at most.
        private static void SortOrdinal(string[] names)
        {
            for (int i = 1; i < names.Length; i++)
            {
                string current = names[i];
                int j = i - 1;
                while (j >= 0 && string.Compare(names[j], current) > 0)
                {
                    names[j + 1] = names[j];
                    j--;
                }

                names[j + 1] = current;
            }
        }
    }
}
