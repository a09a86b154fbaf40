using AdherenceSync.Authentication;
using AdherenceSync.Push;

namespace AdherenceSync.Tests.Push;

public sealed class PushHaltTests
{
    [Fact]
    public void From_RefusedCredentials_HaltsWithTheAnswer()
    {
        var halt = PushHalt.From(new AnswerMeaning(AnswerVerdict.Halt, "HTTP 403 forbidden: no: the credentials were refused"));

        Assert.Equal(new PushHalt(HaltCause.CredentialsRefused, "HTTP 403 forbidden: no: the credentials were refused"), halt);
    }

    [Fact]
    public void From_SignInStillFailingAfterTheRetries_HaltsAsSignInFailed()
    {
        var halt = PushHalt.From(new AnswerMeaning(AnswerVerdict.Retryable, "x"), new AccessTokenException("token endpoint answered 503", credentialsRejected: false));

        Assert.Equal((HaltCause.SignInFailed, "could not sign in: token endpoint answered 503"), (halt!.Cause, halt.Message));
    }

    [Theory]
    [InlineData("Retryable")]
    [InlineData("Rejected")]
    [InlineData("Final")]
    public void From_AnyOtherAnswer_GoesOn(string verdict)
        => Assert.Null(PushHalt.From(new AnswerMeaning(Enum.Parse<AnswerVerdict>(verdict), "x"), new HttpRequestException("reset")));

    [Fact]
    public void Halt_Twice_TheFirstWinsAndStopsTheRun()
    {
        using var run = new PushRun(CancellationToken.None);

        run.Halt(null);
        var goesOn = run.Stop.IsCancellationRequested;
        run.Halt(new PushHalt(HaltCause.CredentialsRefused, "first"));
        run.Halt(new PushHalt(HaltCause.SignInFailed, "second"));

        Assert.False(goesOn);
        Assert.True(run.Stop.IsCancellationRequested);
        Assert.Equal(("first", HaltCause.CredentialsRefused), (run.HaltReason, run.Halted!.Cause));
    }
}
