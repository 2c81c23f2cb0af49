using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Emulator.Api;

/// <summary>
/// Generated serializers for the biggest answers (order lists run to megabytes): no reflection and no emitted code
/// before the first one is written. Same options as the HTTP answers (<see cref="EmulatorApp"/>): camelCase, nulls
/// omitted. Types not listed here are still serialized, by reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CollectionResource<OrderResource>))]
[JsonSerializable(typeof(OrderResource))]
internal sealed partial class EmulatorJson : JsonSerializerContext;
