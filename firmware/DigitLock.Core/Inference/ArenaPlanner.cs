namespace DigitLock.Core.Inference
{
    /// <summary>
    /// Lays activation tensors into one arena by lifetime (first..last op that touches them),
    /// largest first, each at the lowest offset that overlaps no live neighbour: the C engine's
    /// planner without its alignment, since a managed array needs none.
    /// </summary>
    public sealed class ArenaPlanner
    {
        private readonly int[] _tensor;
        private readonly int[] _size;
        private readonly int[] _first;
        private readonly int[] _last;
        private readonly int[] _offset;
        private int _count;

        public ArenaPlanner(int capacity)
        {
            _tensor = new int[capacity];
            _size = new int[capacity];
            _first = new int[capacity];
            _last = new int[capacity];
            _offset = new int[capacity];
        }

        public int Count
        {
            get { return _count; }
        }

        public int Find(int tensor)
        {
            for (int i = 0; i < _count; ++i)
                if (_tensor[i] == tensor)
                    return i;
            return -1;
        }

        /// <summary>Adds a tensor first used by op <paramref name="op"/>; -1 when the planner is full.</summary>
        public int Add(int tensor, int bytes, int op)
        {
            if (_count >= _tensor.Length)
                return -1;
            int k = _count++;
            _tensor[k] = tensor;
            _size[k] = bytes;
            _first[k] = op;
            _last[k] = op;
            _offset[k] = 0;
            return k;
        }

        public int First(int item)
        {
            return _first[item];
        }

        public int Offset(int item)
        {
            return _offset[item];
        }

        public void Touch(int item, int op)
        {
            if (_last[item] < op)
                _last[item] = op;
        }

        /// <summary>Graph inputs live for the whole run (callers may invoke repeatedly on one input); outputs to the end.</summary>
        public void ExtendGraphIo(int[] inputs, int[] outputs, int opCount)
        {
            for (int i = 0; i < _count; ++i)
            {
                if (Contains(inputs, _tensor[i]))
                {
                    _first[i] = 0;
                    _last[i] = opCount;
                }

                if (Contains(outputs, _tensor[i]))
                    _last[i] = opCount;
            }
        }

        private static bool Contains(int[] list, int value)
        {
            for (int i = 0; i < list.Length; ++i)
                if (list[i] == value)
                    return true;
            return false;
        }

        /// <summary>Assigns offsets and returns the arena size.</summary>
        public int Plan()
        {
            int n = _count;
            int[] order = new int[n];
            for (int i = 0; i < n; ++i)
                order[i] = i;
            // largest first, ties by position: stable insertion sort
            for (int i = 1; i < n; ++i)
            {
                int v = order[i];
                int j = i - 1;
                while (j >= 0 && _size[order[j]] < _size[v])
                {
                    order[j + 1] = order[j];
                    --j;
                }

                order[j + 1] = v;
            }

            int total = 0;
            for (int i = 0; i < n; ++i)
            {
                int it = order[i];
                int size = _size[it];
                int off = 0;
                bool moved = true;
                while (moved)
                {
                    moved = false;
                    for (int j = 0; j < i; ++j)
                    {
                        int o = order[j];
                        if (_last[o] < _first[it] || _first[o] > _last[it])
                            continue;
                        if (off < _offset[o] + _size[o] && _offset[o] < off + size)
                        {
                            off = _offset[o] + _size[o];
                            moved = true;
                        }
                    }
                }

                _offset[it] = off;
                if (off + size > total)
                    total = off + size;
            }

            return total;
        }
    }
}
