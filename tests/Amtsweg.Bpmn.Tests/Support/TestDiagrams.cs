using System.Runtime.CompilerServices;
using Amtsweg.Bpmn.Model;
using Amtsweg.Bpmn.Reading;

namespace Amtsweg.Bpmn.Tests.Support;

/// <summary>Reads the diagram that belongs to a test: Diagrams/&lt;TestClass&gt;.&lt;TestMethod&gt;.bpmn.</summary>
internal static class TestDiagrams
{
    public static BpmnDefinitions Read<TTestClass>([CallerMemberName] string testMethod = "") =>
        BpmnReader.Read(TestPaths.Diagram(typeof(TTestClass).Name, testMethod));
}
