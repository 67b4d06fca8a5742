package io.magpie.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A synthetic catalogue for a clone without the ESCI data: products with category paths, brands, attribute
 * values and descriptions, the same for the same seed.
 */
@Command(
        name = "generate-catalogue",
        mixinStandardHelpOptions = true,
        description = "Write a synthetic product catalogue (Magpie product JSON lines).")
public class GenerateCatalogueCommand implements Callable<Integer> {

    @Option(names = "--count", defaultValue = "3000", description = "number of products")
    int count;

    @Option(names = "--seed", defaultValue = "42", description = "random seed")
    long seed;

    @Option(names = "--out", required = true, description = "output file")
    Path out;

    /** A leaf category with what its products are called, who makes them and how they vary. */
    record Kind(
            List<String> category,
            List<String> nouns,
            List<String> brands,
            String attribute,
            List<String> values,
            double minPrice,
            double maxPrice) {}

    private static final List<String> QUALITIES = List.of(
            "Premium",
            "Classic",
            "Eco",
            "Compact",
            "Heavy-Duty",
            "Everyday",
            "Professional",
            "Ultra Soft",
            "Lightweight",
            "Value Pack");
    private static final List<String> COLORS = List.of("White", "Black", "Blue", "Grey", "Green", "Red");

    static final List<Kind> KINDS = List.of(
            new Kind(
                    List.of("Home & Kitchen", "Kitchen & Dining", "Paper Towels"),
                    List.of("Paper Towels", "Kitchen Paper Towel Rolls", "Select-a-Size Paper Towels"),
                    List.of("Bounty", "Brawny", "Viva", "Scott"),
                    "Pack",
                    List.of("6 Rolls", "12 Rolls", "24 Rolls"),
                    8,
                    45),
            new Kind(
                    List.of("Home & Kitchen", "Bath", "Bath Towels"),
                    List.of("Bath Towel Set", "Cotton Bath Towels"),
                    List.of("Amazon Basics", "Utopia Towels", "Chakir"),
                    "Material",
                    List.of("Cotton", "Bamboo", "Microfiber"),
                    15,
                    60),
            new Kind(
                    List.of("Home & Kitchen", "Kitchen & Dining", "Cookware"),
                    List.of("Non-Stick Frying Pan", "Cast Iron Skillet", "Stainless Steel Saucepan"),
                    List.of("T-fal", "Lodge", "Cuisinart"),
                    "Size",
                    List.of("8 inch", "10 inch", "12 inch"),
                    18,
                    90),
            new Kind(
                    List.of("Electronics", "Computers & Accessories", "Laptop Batteries"),
                    List.of("Laptop Battery", "Replacement Notebook Battery"),
                    List.of("Dell", "HP", "Lenovo", "ASUS"),
                    "Capacity",
                    List.of("4400mAh", "5200mAh", "6600mAh"),
                    25,
                    110),
            new Kind(
                    List.of("Electronics", "Headphones", "Over-Ear Headphones"),
                    List.of("Wireless Headphones", "Noise Cancelling Headphones", "Bluetooth Over-Ear Headphones"),
                    List.of("Sony", "Bose", "Anker", "JBL"),
                    "Battery life",
                    List.of("20 hours", "30 hours", "40 hours"),
                    30,
                    350),
            new Kind(
                    List.of("Office Products", "Binders & Binding Systems", "Ring Binders"),
                    List.of("3-Ring Binder", "Heavy Duty Binder", "View Binder"),
                    List.of("Avery", "Wilson Jones", "Five Star"),
                    "Ring size",
                    List.of("1/2 inch", "1 inch", "2 inch", "3 inch"),
                    3,
                    20),
            new Kind(
                    List.of("Sports & Outdoors", "Exercise & Fitness", "Yoga Mats"),
                    List.of("Yoga Mat", "Non-Slip Exercise Mat", "Thick Pilates Mat"),
                    List.of("Gaiam", "Manduka", "BalanceFrom"),
                    "Thickness",
                    List.of("4 mm", "6 mm", "10 mm"),
                    15,
                    90),
            new Kind(
                    List.of("Beauty & Personal Care", "Hair Care", "Shampoo"),
                    List.of("Moisturizing Shampoo", "Sulfate-Free Shampoo", "Anti-Dandruff Shampoo"),
                    List.of("Pantene", "Head & Shoulders", "OGX", "Dove"),
                    "Size",
                    List.of("12 fl oz", "25 fl oz"),
                    4,
                    25),
            new Kind(
                    List.of("Tools & Home Improvement", "Power Tools", "Drills"),
                    List.of("Cordless Drill", "Hammer Drill", "Drill Driver Kit"),
                    List.of("DeWalt", "Makita", "Bosch", "Black+Decker"),
                    "Voltage",
                    List.of("12V", "18V", "20V"),
                    40,
                    220),
            new Kind(
                    List.of("Patio, Lawn & Garden", "Watering Equipment", "Garden Hoses"),
                    List.of("Garden Hose", "Expandable Water Hose", "Kink-Free Hose"),
                    List.of("Flexzilla", "Gilmour", "Melnor"),
                    "Length",
                    List.of("25 ft", "50 ft", "100 ft"),
                    15,
                    80),
            new Kind(
                    List.of("Pet Supplies", "Dogs", "Dry Dog Food"),
                    List.of("Dry Dog Food", "Grain-Free Dog Food", "Puppy Food"),
                    List.of("Purina", "Blue Buffalo", "Pedigree"),
                    "Bag size",
                    List.of("5 lb", "15 lb", "30 lb"),
                    12,
                    75),
            new Kind(
                    List.of("Clothing, Shoes & Jewelry", "Men", "Running Shoes"),
                    List.of("Running Shoes", "Trail Running Sneakers", "Lightweight Road Running Shoe"),
                    List.of("Nike", "ASICS", "Brooks", "New Balance"),
                    "Size",
                    List.of("8", "9", "10", "11", "12"),
                    50,
                    180));

    @Override
    public Integer call() throws Exception {
        Random random = new Random(seed);
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                writer.write(json.writeValueAsString(product(i, random, json.createObjectNode())));
                writer.newLine();
            }
        }
        System.out.printf("wrote %d products to %s%n", count, out);
        return 0;
    }

    static ObjectNode product(int index, Random random, ObjectNode product) {
        Kind kind = KINDS.get(random.nextInt(KINDS.size()));
        String brand = pick(kind.brands(), random);
        String noun = pick(kind.nouns(), random);
        String quality = pick(QUALITIES, random);
        String value = pick(kind.values(), random);
        String color = pick(COLORS, random);
        product.put("id", "GEN%06d".formatted(index));
        product.put("title", "%s %s %s, %s, %s".formatted(brand, quality, noun, value, color));
        product.put("brand", brand);
        product.put("color", color);
        product.put(
                "description",
                "The %s %s from %s: %s %s for everyday use. %s: %s."
                        .formatted(
                                quality.toLowerCase(),
                                noun.toLowerCase(),
                                brand,
                                color.toLowerCase(),
                                kind.category().get(2).toLowerCase(),
                                kind.attribute(),
                                value));
        var bullets = product.putArray("bulletPoints");
        bullets.add(kind.attribute() + ": " + value);
        bullets.add("Colour: " + color);
        bullets.add(quality + " quality from " + brand);
        var category = product.putArray("category");
        kind.category().forEach(category::add);
        double price = kind.minPrice() + random.nextDouble() * (kind.maxPrice() - kind.minPrice());
        product.put("price", Math.round(price * 100) / 100.0);
        product.put("rating", Math.round((3 + random.nextDouble() * 2) * 10) / 10.0);
        product.put("ratingCount", random.nextInt(5000));
        product.put("currency", "USD");
        var attributes = product.putObject("attributes");
        attributes.putArray(kind.attribute().toLowerCase()).add(value);
        attributes.putArray("colour").add(color);
        // a few products out of stock, so that the in-stock filter has something to leave out
        product.put("inStock", random.nextInt(20) != 0);
        return product;
    }

    private static String pick(List<String> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
