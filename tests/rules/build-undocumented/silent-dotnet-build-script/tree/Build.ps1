dotnet test -c Release
