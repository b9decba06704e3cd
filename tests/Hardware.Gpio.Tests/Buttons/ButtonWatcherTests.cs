using System.Device.Gpio;
using Hardware.Gpio.Buttons;

namespace Hardware.Gpio.Tests.Buttons;

public sealed class ButtonWatcherTests
{
    [Fact]
    public void SinglePress_OnlyGesture_IsRecognisedOnThePressItself()
    {
        using var rig = new ButtonRig();

        rig.Press();

        var gesture = Assert.Single(rig.Gestures);
        Assert.Equal(GestureKind.Single, gesture.Gesture.Kind);
        Assert.Equal(rig.Presses[0].Timestamp, gesture.EdgeTimestamp);
    }

    [Fact]
    public void Bounce_WithinDebounce_CountsAsOnePressAndOneRelease()
    {
        using var rig = new ButtonRig();

        // A contact that chatters for 10 ms on press and on release.
        for (var i = 0; i < 5; i++)
        {
            rig.Press();
            rig.Advance(1);
            rig.Release();
            rig.Advance(1);
        }

        rig.Press();
        rig.Advance(200);
        for (var i = 0; i < 5; i++)
        {
            rig.Release();
            rig.Advance(1);
            rig.Press();
            rig.Advance(1);
        }

        rig.Release();
        rig.Advance(200);

        Assert.Single(rig.Gestures);
        Assert.Single(rig.Presses);
        Assert.Single(rig.Releases);
        Assert.False(rig.Watcher.IsActive);
    }

    [Fact]
    public void ReleaseDuringLockout_IsPickedUpWhenLockoutEnds()
    {
        using var rig = new ButtonRig();

        rig.Press();
        rig.Advance(5);
        rig.Release(); // inside the 30 ms lockout: ignored for now
        Assert.Empty(rig.Releases);

        rig.Advance(30);

        Assert.Single(rig.Releases);
        Assert.False(rig.Watcher.IsActive);
    }

    [Fact]
    public void QuickTapThenPress_WithTheLockoutTimerLate_LosesNeitherTheReleaseNorThePress()
    {
        var late = new LateTimersTimeProvider(new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        var driver = new Hardware.Gpio.Virtual.VirtualBoardDriver();
        using var board = Hardware.Gpio.Board.GpioBoardFactory.CreateVirtual(driver);
        var options = new ButtonOptions { Id = "b", Pin = 17, Debounce = TimeSpan.FromMilliseconds(30), Gestures = [GestureDefinition.Single] };
        using var watcher = new ButtonWatcher(board, options, late, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var gestures = 0;
        var releases = 0;
        watcher.GestureRecognized += (_, _) => gestures++;
        watcher.Released += (_, _) => releases++;
        watcher.Start();

        driver.SetContact(17, closed: true);   // press
        late.Clock.Advance(TimeSpan.FromMilliseconds(10));
        driver.SetContact(17, closed: false);  // quick release, inside the lockout; the timer that should settle it never fires
        late.Clock.Advance(TimeSpan.FromMilliseconds(40));
        driver.SetContact(17, closed: true);   // pressed again

        Assert.Equal(1, releases);
        Assert.Equal(2, gestures);
        Assert.True(watcher.IsActive);
    }

    [Fact]
    public void TwoPresses_FurtherApartThanDebounce_AreTwoGestures()
    {
        using var rig = new ButtonRig();

        rig.Tap(holdMs: 50, afterMs: 50);
        rig.Tap(holdMs: 50, afterMs: 50);

        Assert.Equal(2, rig.Gestures.Count);
    }

    [Fact]
    public void LongPress_IsRecognisedWhenHoldTimeIsReached_NotOnRelease()
    {
        using var rig = new ButtonRig(gestures: GestureDefinition.Long(TimeSpan.FromSeconds(2)));

        rig.Press();
        rig.Advance(1999);
        Assert.Empty(rig.Gestures);

        rig.Advance(1);
        var gesture = Assert.Single(rig.Gestures);
        Assert.Equal(GestureKind.Long, gesture.Gesture.Kind);

        rig.Advance(5000);
        rig.Release();
        rig.Advance(100);
        Assert.Single(rig.Gestures);
    }

    [Fact]
    public void ShortPress_OnLongOnlyButton_IsNothing()
    {
        using var rig = new ButtonRig(gestures: GestureDefinition.Long(TimeSpan.FromSeconds(2)));

        rig.Tap(holdMs: 500, afterMs: 5000);

        Assert.Empty(rig.Gestures);
    }

    [Fact]
    public void SingleAndLong_HeldPress_IsSingleAtOnceThenLongAtTheHoldTime()
    {
        using var rig = new ButtonRig(gestures: [GestureDefinition.Single, GestureDefinition.Long(TimeSpan.FromSeconds(3))]);

        rig.Press();
        var single = Assert.Single(rig.Gestures);
        Assert.Equal(GestureKind.Single, single.Gesture.Kind);

        rig.Advance(3000);
        Assert.Equal(2, rig.Gestures.Count);
        Assert.Equal(GestureKind.Long, rig.Gestures[1].Gesture.Kind);
        Assert.Equal(single.EdgeTimestamp, rig.Gestures[1].EdgeTimestamp);
    }

    [Fact]
    public void SingleAndLong_ShortPress_IsSingleOnly()
    {
        using var rig = new ButtonRig(gestures: [GestureDefinition.Single, GestureDefinition.Long(TimeSpan.FromSeconds(3))]);

        rig.Tap(holdMs: 300, afterMs: 5000);

        Assert.Equal(GestureKind.Single, Assert.Single(rig.Gestures).Gesture.Kind);
    }

    [Fact]
    public void MultiPress_ThreePressesWithinWindow_IsRecognisedAtTheThirdPress()
    {
        using var rig = new ButtonRig(gestures: GestureDefinition.Multi(3, TimeSpan.FromSeconds(2)));

        rig.Tap(holdMs: 100, afterMs: 200);
        rig.Tap(holdMs: 100, afterMs: 200);
        rig.Press();

        var gesture = Assert.Single(rig.Gestures);
        Assert.Equal(GestureKind.Multi, gesture.Gesture.Kind);
        Assert.Equal(3, gesture.Gesture.Count);
        Assert.Equal(rig.Presses[0].Timestamp, gesture.EdgeTimestamp);
    }

    [Fact]
    public void MultiPress_TooSlow_IsNotRecognised()
    {
        using var rig = new ButtonRig(gestures: GestureDefinition.Multi(3, TimeSpan.FromSeconds(2)));

        rig.Tap(holdMs: 100, afterMs: 900);
        rig.Tap(holdMs: 100, afterMs: 900);
        rig.Tap(holdMs: 100, afterMs: 3000);

        Assert.Empty(rig.Gestures);
    }

    [Fact]
    public void SingleAndMulti_EveryPressIsASingle_AndTheSequenceIsAMultiToo()
    {
        using var rig = new ButtonRig(gestures: [GestureDefinition.Single, GestureDefinition.Multi(2, TimeSpan.FromSeconds(1))]);

        rig.Tap(holdMs: 100, afterMs: 200);
        Assert.Single(rig.Gestures);
        rig.Tap(holdMs: 100, afterMs: 2000);

        Assert.Equal([GestureKind.Single, GestureKind.Single, GestureKind.Multi], rig.Gestures.Select(g => g.Gesture.Kind));
    }

    [Fact]
    public void LongPress_InTheMiddleOfASequence_RestartsTheCount()
    {
        using var rig = new ButtonRig(gestures: [GestureDefinition.Multi(2, TimeSpan.FromSeconds(10)), GestureDefinition.Long(TimeSpan.FromSeconds(2))]);

        rig.Tap(holdMs: 2500, afterMs: 100);
        rig.Tap(holdMs: 100, afterMs: 100);
        Assert.Equal([GestureKind.Long], rig.Gestures.Select(g => g.Gesture.Kind));

        rig.Tap(holdMs: 100, afterMs: 100);
        Assert.Equal([GestureKind.Long, GestureKind.Multi], rig.Gestures.Select(g => g.Gesture.Kind));
    }

    [Fact]
    public void NormallyClosed_PressOpensTheLoop_AndIsAPress()
    {
        using var rig = new ButtonRig(ButtonWiring.NormallyClosed);
        Assert.Equal(PinValue.Low, rig.Board.Read(ButtonRig.Pin)); // loop closed to ground at rest

        rig.Press();

        Assert.Equal(PinValue.High, rig.Board.Read(ButtonRig.Pin));
        Assert.Single(rig.Gestures);
    }

    [Fact]
    public void PullDown_NormallyOpen_PressReadsHigh()
    {
        using var rig = new ButtonRig(ButtonWiring.NormallyOpen, InputPull.Down);

        rig.Press();

        Assert.Equal(PinValue.High, rig.Board.Read(ButtonRig.Pin));
        Assert.Single(rig.Gestures);
    }

    [Fact]
    public void NormallyClosed_WireCut_IsPressThenWireCutFault_AndClearsWhenRepaired()
    {
        using var rig = new ButtonRig(ButtonWiring.NormallyClosed);

        rig.Press(); // an open loop is indistinguishable from a press at first: it raises the alert
        rig.Advance(59_999);
        Assert.Empty(rig.Faults);
        rig.Advance(1);

        var fault = Assert.Single(rig.Faults);
        Assert.Equal(ButtonFault.WireCut, fault.Fault);
        Assert.Equal("wire-cut", rig.Watcher.State);

        rig.Release();
        Assert.Equal(2, rig.Faults.Count);
        Assert.Null(rig.Faults[1].Fault);
        Assert.Null(rig.Watcher.Fault);
    }

    [Fact]
    public void NormallyOpen_HeldForever_IsStuckFault()
    {
        using var rig = new ButtonRig();

        rig.Press();
        rig.Advance(60_000);

        Assert.Equal(ButtonFault.Stuck, Assert.Single(rig.Faults).Fault);
    }

    [Fact]
    public void ActiveAtStart_IsAFault_AndRaisesNoGestureUntilSeenIdle()
    {
        using var rig = new ButtonRig(ButtonWiring.NormallyClosed, pressedAtStart: true);

        Assert.Equal(ButtonFault.WireCut, Assert.Single(rig.Faults).Fault);
        rig.Advance(120_000);
        Assert.Empty(rig.Gestures);

        rig.Release(); // loop repaired
        rig.Advance(100);
        Assert.Null(rig.Watcher.Fault);
        Assert.Empty(rig.Gestures);

        rig.Press();
        Assert.Single(rig.Gestures);
    }

    [Fact]
    public void MissedCallback_IsCaughtByThePoll()
    {
        using var rig = new ButtonRig();
        rig.Driver.DropCallbacks = true;

        rig.Press();
        Assert.Empty(rig.Gestures);

        rig.Advance(100);

        Assert.Single(rig.Gestures);
        Assert.True(rig.Presses[0].CaughtByPoll);
        Assert.Equal(1, rig.Watcher.MissedEdges);
    }

    [Fact]
    public void Dispose_StopsReporting()
    {
        var rig = new ButtonRig();
        rig.Dispose();

        rig.Driver.DropCallbacks = false;
        rig.Advance(1000);

        Assert.Empty(rig.Gestures);
    }
}
