// Reference-only declarations of nanoFramework.CoreLibrary 1.17.11 (assembly mscorlib).
// Declared from github.com/nanoframework/CoreLibrary tag v1.17.11, files
// nanoFramework.CoreLibrary/System/*Exception.cs and System/IO/IOException.cs.

namespace System
{
    [Serializable]
    public class Exception
    {
        protected int HResult;
        public Exception() { }
        public Exception(string message) { }
        public Exception(string message, Exception innerException) { }
        public virtual string Message { get { throw null; } }
        public Exception InnerException { get { throw null; } }
        public virtual string StackTrace { get { throw null; } }
        public override string ToString() { throw null; }
    }

    [Serializable]
    public class SystemException : Exception
    {
        public SystemException() { }
        public SystemException(string message) : base(message) { }
        public SystemException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class ApplicationException : Exception
    {
        public ApplicationException() { }
        public ApplicationException(string message) : base(message) { }
        public ApplicationException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class AppDomainUnloadedException : SystemException
    {
        public AppDomainUnloadedException() { }
        public AppDomainUnloadedException(string message) : base(message) { }
        public AppDomainUnloadedException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class ArgumentException : SystemException
    {
        public ArgumentException() { }
        public ArgumentException(string message) : base(message) { }
        public ArgumentException(string message, Exception innerException) : base(message, innerException) { }
        public ArgumentException(string message, string paramName) : base(message) { }
        public ArgumentException(string message, string paramName, Exception innerException) : base(message, innerException) { }
        public override string Message { get { throw null; } }
        public virtual string ParamName { get { throw null; } }
        public static void ThrowIfNullOrEmpty(string argument, [Runtime.CompilerServices.CallerArgumentExpression("argument")] string paramName = null) { }
        public static void ThrowIfNullOrWhiteSpace(string argument, [Runtime.CompilerServices.CallerArgumentExpression("argument")] string paramName = null) { }
    }

    [Serializable]
    public class ArgumentNullException : ArgumentException
    {
        public ArgumentNullException() { }
        public ArgumentNullException(string paramName) { }
        public ArgumentNullException(string message, Exception innerException) { }
        public ArgumentNullException(string paramName, string message) { }
        public static void ThrowIfNull(object argument, [Runtime.CompilerServices.CallerArgumentExpression("argument")] string paramName = null) { }
    }

    [Serializable]
    public class ArgumentOutOfRangeException : ArgumentException
    {
        public ArgumentOutOfRangeException() { }
        public ArgumentOutOfRangeException(string paramName) { }
        public ArgumentOutOfRangeException(string paramName, string message) { }
    }

    [Serializable]
    public class FormatException : SystemException
    {
        public FormatException() { }
        public FormatException(string message) : base(message) { }
        public FormatException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class IndexOutOfRangeException : SystemException
    {
        public IndexOutOfRangeException() { }
        public IndexOutOfRangeException(string message) : base(message) { }
        public IndexOutOfRangeException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class InvalidCastException : SystemException
    {
        public InvalidCastException() { }
        public InvalidCastException(string message) : base(message) { }
        public InvalidCastException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class InvalidOperationException : SystemException
    {
        public InvalidOperationException() { }
        public InvalidOperationException(string message) : base(message) { }
        public InvalidOperationException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class NotImplementedException : SystemException
    {
        public NotImplementedException() { }
        public NotImplementedException(string message) : base(message) { }
        public NotImplementedException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class NotSupportedException : SystemException
    {
        public NotSupportedException() { }
        public NotSupportedException(string message) : base(message) { }
        public NotSupportedException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class PlatformNotSupportedException : NotSupportedException
    {
        public PlatformNotSupportedException() { }
    }

    [Serializable]
    public class NullReferenceException : SystemException
    {
        public NullReferenceException() { }
        public NullReferenceException(string message) : base(message) { }
        public NullReferenceException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class ObjectDisposedException : SystemException
    {
        public ObjectDisposedException() { }
        public ObjectDisposedException(string message) : base(message) { }
        public ObjectDisposedException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class OutOfMemoryException : SystemException
    {
        public OutOfMemoryException() { }
        public OutOfMemoryException(string message) : base(message) { }
        public OutOfMemoryException(string message, Exception innerException) : base(message, innerException) { }
    }

    [Serializable]
    public class TimeoutException : SystemException
    {
        public TimeoutException() { }
        public TimeoutException(string message) : base(message) { }
        public TimeoutException(string message, Exception innerException) : base(message, innerException) { }
    }
}

namespace System.IO
{
    [Serializable]
    public class IOException : SystemException
    {
        public enum IOExceptionErrorCode
        {
            Others = unchecked((int)0xE0000000),
            InvalidDriver = unchecked((int)0xE1000000),
            FileNotFound = unchecked((int)0xE2000000),
            DirectoryNotFound = unchecked((int)0xE3000000),
            VolumeNotFound = unchecked((int)0xE4000000),
            PathTooLong = unchecked((int)0xE5000000),
            DirectoryNotEmpty = unchecked((int)0xE6000000),
            UnauthorizedAccess = unchecked((int)0xE7000000),
            PathAlreadyExists = unchecked((int)0xE8000000),
            TooManyOpenHandles = unchecked((int)0xE9000000),
        }

        public IOException() { }
        public IOException(string message) : base(message) { }
        public IOException(string message, int hresult) : base(message) { }
        public IOException(string message, Exception innerException) : base(message, innerException) { }
        public IOExceptionErrorCode ErrorCode { get { throw null; } }
    }
}
