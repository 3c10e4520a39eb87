using DigitLock.Core.Hardware;

namespace DigitLock.Core.ModelPush
{
    /// <summary>
    /// The classifier the app holds: forwards to whichever model is running, so a push can swap
    /// models under a running app. With no model it answers -1 (see IDigitClassifier) and the
    /// app refuses to guess.
    /// </summary>
    public sealed class ActiveModel : IDigitClassifier
    {
        private readonly object _sync = new object();
        private ILoadedModel _model;

        public bool HasModel
        {
            get { return _model != null; }
        }

        /// <summary>Runs <paramref name="model"/> from now on (null: none) and releases the one it replaces.</summary>
        public void Use(ILoadedModel model)
        {
            lock (_sync)
            {
                if (_model != null && _model != model)
                {
                    _model.Release();
                }

                _model = model;
            }
        }

        public int Classify(byte[] image28x28, byte[] scores)
        {
            lock (_sync)
            {
                if (_model == null)
                {
                    System.Array.Clear(scores, 0, scores.Length);
                    return -1;
                }

                return _model.Classify(image28x28, scores);
            }
        }
    }
}
