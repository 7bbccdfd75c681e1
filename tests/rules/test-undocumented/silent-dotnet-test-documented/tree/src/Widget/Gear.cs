namespace Widget;
public class Gear {}
