using Marketplace.Users.Domain;
using Marketplace.Users.Storage;

namespace Marketplace.Users.Tests.Storage;

/// <summary>
/// What every profile storage backend must do. Each backend's test class supplies repositories; concurrent
/// callers each get their own, as concurrent requests each get their own scope in the service.
/// </summary>
public abstract class ProfileRepositoryContract
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>A repository for one unit of work; skips the test when the backend is not available.</summary>
    protected abstract IProfileRepository NewRepository();

    [Fact]
    public async Task Find_returns_null_for_a_user_without_a_profile()
    {
        var repository = NewRepository();

        Assert.Null(await repository.FindAsync(Guid.NewGuid(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CreateIfMissing_creates_an_empty_profile_once()
    {
        var repository = NewRepository();
        var userId = Guid.NewGuid();
        var token = TestContext.Current.CancellationToken;

        Assert.True(await repository.CreateIfMissingAsync(userId, token));
        var created = await repository.FindAsync(userId, token);
        Assert.False(await NewRepository().CreateIfMissingAsync(userId, token));

        Assert.NotNull(created);
        Assert.Equal(userId, created.UserId);
        Assert.Null(created.Phone);
        Assert.Equal(Preferences.Default, created.Preferences);
        Assert.Empty(created.Addresses);
        Assert.Equal(created.Id, (await repository.FindAsync(userId, token))!.Id);
    }

    [Fact]
    public async Task GetOrCreate_returns_the_same_profile_every_time()
    {
        var userId = Guid.NewGuid();
        var token = TestContext.Current.CancellationToken;

        var first = await NewRepository().GetOrCreateAsync(userId, token);
        var second = await NewRepository().GetOrCreateAsync(userId, token);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
    }

    [Fact]
    public async Task Concurrent_creators_end_with_exactly_one_profile()
    {
        var userId = Guid.NewGuid();
        var token = TestContext.Current.CancellationToken;
        var repositories = Enumerable.Range(0, 12).Select(_ => NewRepository()).ToList();

        var created = Task.WhenAll(repositories.Take(4).Select(r => r.CreateIfMissingAsync(userId, token)));
        var read = Task.WhenAll(repositories.Skip(4).Select(r => r.GetOrCreateAsync(userId, token)));
        var creations = await created;
        var profiles = await read;

        Assert.True(creations.Count(c => c) <= 1);
        var stored = await NewRepository().FindAsync(userId, token);
        Assert.NotNull(stored);
        Assert.All(profiles, profile => Assert.Equal(stored.Id, profile.Id));
    }

    [Fact]
    public async Task An_edit_stores_every_field_and_reads_back_equal()
    {
        var userId = Guid.NewGuid();
        var token = TestContext.Current.CancellationToken;
        var home = new Address(Guid.NewGuid(), "1 Main St", "Springfield", null, "62701", "US", IsDefault: false);
        var work = new Address(Guid.NewGuid(), "2 Side Rd", "Shelbyville", "IL", "62565", "US", IsDefault: true);

        var result = await NewRepository().EditAsync(userId, current =>
        {
            var changed = current.WithContact("+14155550123", new Preferences(false, "dark"), Now).AddAddress(home, Now).AddAddress(work, Now);
            return ProfileEdit.Store(changed, "done");
        }, token);
        var stored = await NewRepository().FindAsync(userId, token);

        Assert.Equal("done", result);
        Assert.NotNull(stored);
        Assert.Equal("+14155550123", stored.Phone);
        Assert.Equal(new Preferences(false, "dark"), stored.Preferences);
        Assert.Equal([home, work], stored.Addresses);
        Assert.Equal(UserProfile.Timestamp(Now), stored.UpdatedAt);
    }

    [Fact]
    public async Task An_edit_that_keeps_the_profile_writes_nothing()
    {
        var userId = Guid.NewGuid();
        var token = TestContext.Current.CancellationToken;
        var before = await NewRepository().GetOrCreateAsync(userId, token);

        var result = await NewRepository().EditAsync(userId, current => ProfileEdit.Keep(current.Id), token);
        var after = await NewRepository().FindAsync(userId, token);

        Assert.Equal(before.Id, result);
        Assert.Equal(before.UpdatedAt, after!.UpdatedAt);
    }

    [Fact]
    public async Task Concurrent_edits_lose_no_update()
    {
        var userId = Guid.NewGuid();
        var token = TestContext.Current.CancellationToken;
        var repositories = Enumerable.Range(0, 10).Select(_ => NewRepository()).ToList();

        await Task.WhenAll(repositories.Select(repository => Task.Run(() => repository.EditAsync(userId, current =>
        {
            var address = new Address(Guid.NewGuid(), "1 Main St", "Springfield", null, "62701", "US", IsDefault: true);
            return ProfileEdit.Store(current.AddAddress(address, Now), address.Id);
        }, token), token)));
        var stored = await NewRepository().FindAsync(userId, token);

        Assert.Equal(10, stored!.Addresses.Count);
        Assert.Single(stored.Addresses, address => address.IsDefault);
    }

    [Fact]
    public async Task Profiles_of_different_users_are_separate()
    {
        var token = TestContext.Current.CancellationToken;
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        await NewRepository().EditAsync(first, current => ProfileEdit.Store(current.WithContact("+4915112345678", current.Preferences, Now), 0), token);
        await NewRepository().GetOrCreateAsync(second, token);

        Assert.Equal("+4915112345678", (await NewRepository().FindAsync(first, token))!.Phone);
        Assert.Null((await NewRepository().FindAsync(second, token))!.Phone);
    }
}
