namespace Amtsweg.Engine.Tests.Support;

/// <summary>Every engine test has its own minimal diagram, named after the test (as in Camunda's engine tests).</summary>
public static class Diagrams
{
    public static string Path(Type testClass, string testMethod) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "Diagrams", $"{testClass.Name}.{testMethod}.bpmn");

    public static DeploymentResource Resource(Type testClass, string testMethod)
    {
        var path = Path(testClass, testMethod);
        return new DeploymentResource(System.IO.Path.GetFileName(path), File.ReadAllText(path));
    }

    /// <summary>Another diagram of the same test (for call activities and redeployments): <c>&lt;Class&gt;.&lt;Method&gt;.&lt;suffix&gt;.bpmn</c>.</summary>
    public static DeploymentResource Resource(Type testClass, string testMethod, string suffix)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "Diagrams", $"{testClass.Name}.{testMethod}.{suffix}.bpmn");
        return new DeploymentResource(System.IO.Path.GetFileName(path), File.ReadAllText(path));
    }
}
