using System.Reflection;
using Amtsweg.Bpmn.Model;

namespace Amtsweg.Bpmn.Tests.Model;

/// <summary>The model is immutable for its users: no public type of the library can be changed or created from outside.</summary>
public sealed class ModelImmutabilityTests
{
    private static readonly Assembly Library = typeof(BpmnElement).Assembly;

    [Fact]
    public void PublicProperties_HaveNoPublicSetter_InTheWholeLibrary()
    {
        var settable = Library.GetExportedTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } && !IsInitOnly(p))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(settable);
    }

    [Fact]
    public void ModelElements_HaveNoPublicConstructor()
    {
        var constructible = Library.GetExportedTypes()
            .Where(t => typeof(BpmnElement).IsAssignableFrom(t) && t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Length > 0)
            .Select(t => t.Name)
            .ToList();

        Assert.Empty(constructible);
    }

    private static bool IsInitOnly(PropertyInfo property) =>
        property.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
}
